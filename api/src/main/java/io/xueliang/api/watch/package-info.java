/**
 * Watch lists (布控) and their alerts over HTTP: {@code /watchlists} for investigators, {@code /alerts}, its
 * acknowledgement and its server-sent event stream (WHATWG HTML, "Server-sent events") for the operators on duty.
 */
package io.xueliang.api.watch;
