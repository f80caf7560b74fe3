/**
 * Who is asking: bearer-token authentication of every secured route, login with a per-user and
 * per-address throttle, and logout.
 */
package io.xueliang.api.auth;
