/**
 * Registers an element unless the tag is taken, so loading the package twice (the CDN file
 * beside the npm build, or two bundles) never throws.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
