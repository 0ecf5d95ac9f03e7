vcl 4.1;
# Varnish in front of three proxy replicas: an HTTP cache that honours the proxy's
# Cache-Control, ETag and Vary, and a round-robin director over the replicas. See
# docs/deployment.md. The topology test (test/node/proxy-topology.test.ts) runs this very file,
# with the three ports below replaced by the ports it picked.

import directors;

# Each replica is taken out of the rotation while its /healthz fails. /healthz answers 200
# while the replica is paused or degraded too: those still serve their caches.
probe healthz {
  .url = "/healthz";
  .interval = 1s;
  .timeout = 1s;
  .window = 3;
  .threshold = 2;
  .initial = 2;
}

backend proxy1 { .host = "127.0.0.1"; .port = "8801"; .probe = healthz; }
backend proxy2 { .host = "127.0.0.1"; .port = "8802"; .probe = healthz; }
backend proxy3 { .host = "127.0.0.1"; .port = "8803"; .probe = healthz; }

sub vcl_init {
  new replicas = directors.round_robin();
  replicas.add_backend(proxy1);
  replicas.add_backend(proxy2);
  replicas.add_backend(proxy3);
}

sub vcl_recv {
  set req.backend_hint = replicas.backend();
  # Health and metrics are per replica: never cached, never answered for another one.
  if (req.url ~ "^/(healthz|metrics)") {
    return (pass);
  }
  # The answers depend on the path, the query, Origin and Accept-Encoding (see Vary) only:
  # cookies and credentials would only split the cache (and Varnish passes requests with them).
  unset req.http.Cookie;
  unset req.http.Authorization;
}

sub vcl_backend_fetch {
  # A retry (below) asks the next replica in the rotation.
  set bereq.backend = replicas.backend();
}

sub vcl_backend_response {
  # The proxy's Cache-Control decides: max-age for freshness, stale-while-revalidate for
  # Varnish's grace. "no-store" answers (503s, remembered failures) are never kept. Keep
  # objects a little past their grace so that If-None-Match can still be answered with 304.
  set beresp.keep = 60s;
}

sub vcl_backend_error {
  # A replica that died or restarts: try the next one before giving up.
  if (bereq.retries < 2) {
    return (retry);
  }
  # What the proxy itself says when it has nothing to serve: a 503 with Retry-After.
  set beresp.http.Content-Type = "application/json; charset=utf-8";
  set beresp.http.Cache-Control = "no-store";
  set beresp.http.Retry-After = "5";
  set beresp.body = {"{"code": "UNAVAILABLE", "message": "No proxy replica answered." }"};
  return (deliver);
}

sub vcl_deliver {
  # For operators (and the topology test): whether this answer came from Varnish's cache.
  if (obj.hits > 0) {
    set resp.http.X-Front-Cache = "HIT";
  } else {
    set resp.http.X-Front-Cache = "MISS";
  }
}
