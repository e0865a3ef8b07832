/**
 * What every HTTP API of orderflow shares, so a key, a role and an error read the same at the ingest gateway and
 * at the query API: {@link io.orderflow.api.ApiKeys} (the same key file, and the demo keys
 * {@link io.orderflow.api.DemoKeys}), the {@link io.orderflow.api.Principal} a key stands for, the roles and who
 * may do what ({@link io.orderflow.api.ApiRole}), how a request is authenticated
 * ({@link io.orderflow.api.Authentication}), and the one error shape {@link io.orderflow.api.ErrorResponse} with its
 * {@link io.orderflow.api.Problem}s, written from any {@link io.orderflow.api.ApiException} by
 * {@link io.orderflow.api.Errors}, and for Jetty's own errors by {@link io.orderflow.api.JettyErrors}; the JSON
 * mapper of both ({@link io.orderflow.api.Json}); and how both apps read their settings
 * ({@link io.orderflow.api.Settings}), the topic names among them ({@link io.orderflow.api.TopicNames}). The
 * launcher and the demo use the settings parser and the demo keys too, without the rest.
 */
package io.orderflow.api;
