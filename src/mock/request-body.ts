// Request bodies as the mock's endpoints read them; a body that cannot be read is a 400.
import {BadRequest} from './http.js';
import {formToObject} from './validation.js';

/** A PUT body in either encoding, as the plain object `parseMediaPatch` validates. */
export async function readPatchBody(request: Request): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (
    type.startsWith('multipart/form-data') ||
    type.startsWith('application/x-www-form-urlencoded')
  ) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new BadRequest('The form-data body could not be parsed');
    }
    return formToObject(form);
  }
  const text = await request.text();
  if (!text.trim()) throw new BadRequest('The request body is empty; send a JSON object');
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest('The request body is not valid JSON');
  }
}

/** The response to a HEAD request: the GET answer's status and headers, without its body. */
export function withoutBody(response: Response): Response {
  return new Response(null, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
