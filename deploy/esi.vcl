vcl 4.1;
# Server-rendered galleries in a CMS's pages with Edge Side Includes: the CMS writes
#   <esi:include src="/render/ss-media-list?merchant=nttsmc&limit=12"/>
# where the gallery goes, and Varnish replaces it with the proxy's fragment (the tags with
# declarative shadow DOM and the snapshot the elements' script primes itself from). Fragments
# and the catalog routes are cached here as the proxy's Cache-Control says; pages as the CMS
# says. See docs/ssr.md. The ESI test (test/node/proxy-esi.test.ts) runs this very file, with
# the two ports below replaced by the ones it picked.
#
# To add ESI to deploy/varnish.vcl instead: route ^/(render|v1)/ to the replicas and copy the
# `do_esi` lines of vcl_backend_response.

backend cms { .host = "127.0.0.1"; .port = "8081"; }
backend proxy { .host = "127.0.0.1"; .port = "8788"; }

sub vcl_recv {
  # One origin for the page, its fragments and the elements' later catalog requests, so the
  # fragments' `api-base="/"` needs no CORS.
  if (req.url ~ "^/(render|v1)/") {
    set req.backend_hint = proxy;
    # Fragments and catalog answers depend on the path, the query, Origin and Accept-Encoding.
    unset req.http.Cookie;
    unset req.http.Authorization;
  } else {
    set req.backend_hint = cms;
  }
}

sub vcl_backend_response {
  # Parse the CMS's HTML for <esi:include>; never the proxy's answers (a fragment holds no ESI,
  # and an attribute value that looked like one must stay text).
  if (bereq.backend == cms && beresp.http.Content-Type ~ "^text/html") {
    set beresp.do_esi = true;
  }
  # A fragment the catalog could not fill (the plain tags, `max-age=5`) is kept only briefly.
  set beresp.keep = 60s;
}
