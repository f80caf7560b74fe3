package io.xueliang.storage.auth;

import java.util.List;
import java.util.Optional;

/**
 * One page of users in username order.
 *
 * @param items the users
 * @param next the cursor for the next page (the last username here), empty on the last page
 */
public record UserPage(List<User> items, Optional<String> next) {
    public UserPage {
        items = List.copyOf(items);
    }
}
