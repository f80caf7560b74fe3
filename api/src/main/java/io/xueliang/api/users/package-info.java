/** User administration over HTTP: accounts, roles and region scopes, for admins. */
package io.xueliang.api.users;
