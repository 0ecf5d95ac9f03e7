// The Catalog reference's example media, verbatim (../shared/seeds/catalog-api.txt): the mock
// must serve it as is, and the client must normalize it. Kept here, apart from the mock's
// fixtures, so the tests do not check the mock against itself.
export const REFERENCE_MEDIA = Object.freeze({
  merchant_id: 'nttsmc',
  id: '7f8d4baf20f244fca34acbe3452886ac',
  ref_id: null,
  live_event_id: '6126a01db6744dca93aa2af575e9ba0c',
  name: 'live_event_6126a01db6744dca93aa2af575e9ba0c',
  description: '',
  duration: null,
  encode_type: null,
  custom_fields: {keywords: 'live, test', link: 'http://test_link'},
  publish_geo_rule: ['jp'],
  poster: {src: '/uploads/nttsmc/sample_poster.gif'},
  thumbnail: {src: '/uploads/nttsmc/sample_thumbnail.jpg'},
  seek_preview_config: null,
  tags: [],
  offline_enabled: false,
  text_tracks: [
    {
      kind: 'subtitles',
      lang: 'ja',
      mime_type: 'type/vtt',
      src: 'https://s3-ap-northeast-1.amazonaws.com/sample.mp3',
    },
  ],
  created_at: '2018-02-22T12:03:36.427+09:00',
  updated_at: '2018-02-22T18:44:38.839+09:00',
});
