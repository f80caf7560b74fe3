/** Video wall layouts users save on the server ({@code /layouts}), so that an operator's walls follow the account. */
package io.xueliang.api.wall;
