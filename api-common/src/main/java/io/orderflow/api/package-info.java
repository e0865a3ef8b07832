/**
 * What every HTTP API of orderflow shares, so a key, a role and an error read the same at the ingest gateway and
 * at the query API: {@link io.orderflow.api.ApiKeys} (the same key file, and the demo keys
 * {@link io.orderflow.api.DemoKeys}), the {@link io.orderflow.api.Principal} a key stands for, and the one error
 * shape {@link io.orderflow.api.ErrorResponse} with its {@link io.orderflow.api.Problem}s; and how both apps read
 * their settings ({@link io.orderflow.api.Settings}), the topic names among them
 * ({@link io.orderflow.api.TopicNames}). Of the HTTP framework only what both apps' Javalin share: Jetty's own
 * errors in the one shape ({@link io.orderflow.api.JettyErrors}). The launcher and the demo use the settings parser
 * and the demo keys too, without the rest.
 */
package io.orderflow.api;
