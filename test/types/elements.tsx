// Type tests, checked by `npm run test:types` against the published types (dist/, editor/jsx.d.ts):
// each `@ts-expect-error` is a wrong use the types must refuse; the rest must compile.
import {useRef} from 'react';
import type {SsMediaCard} from '../../dist/index.js';
import type {CustomElements} from '../../editor/jsx.js';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends CustomElements {}
  }
}

export function properties(card: SsMediaCard): void {
  // The card accepts a script's own object with only an id, as documented.
  card.media = {id: 'x'};
  card.media = {id: 'x', name: 'A video', duration: 1000};
  // @ts-expect-error: an id is what the card needs.
  card.media = {name: 'no id'};
  // @ts-expect-error: the element reflects its state; a page reads it.
  card.state = 'ready';
  const state: 'loading' | 'ready' | 'empty' | 'error' = card.state;
  void state;
}

export function App() {
  const cardRef = useRef<SsMediaCard>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <ss-media-card
        ref={cardRef}
        media-id="x"
        merchant="nttsmc"
        api-base="http://127.0.0.1:8788"
        className="card"
        aria-label="A video"
        onClick={(event) => event.currentTarget.mediaId}
        style={{color: 'red', '--ss-card-radius': '4px'}}
        onss-error={(event) => event.detail.error.code}
      />
      {/* A callback ref gets the element's type, not an implicit any (strict would refuse it). */}
      <ss-media-list
        ref={(list) => {
          const limit: number | undefined = list?.limit;
          void limit;
        }}
        limit={6}
      />
      {/* @ts-expect-error: state is not a prop. */}
      <ss-media-card state="ready" />
      {/* @ts-expect-error: a ref to another element's type. */}
      <ss-media-card ref={inputRef} />
      {/* @ts-expect-error: not a CSS property. */}
      <ss-media-card style={{colour: 'red'}} />
      {/* @ts-expect-error: media needs an id. */}
      <ss-media-card media={{name: 'x'}} />
      {/* @ts-expect-error: onClick takes a function. */}
      <ss-media-list onClick="alert(1)" />
    </>
  );
}
