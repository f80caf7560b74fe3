package io.xueliang.reads.watch;

import java.util.ArrayList;
import java.util.List;

/**
 * Region paths as one text column: levels joined by {@code /}, paths by {@code ;}, and {@code \} escaping either (and
 * itself) inside a name. The empty text is no path: everywhere, for a scope.
 */
public final class RegionPaths {
    private RegionPaths() {
    }

    public static String encode(List<List<String>> paths) {
        StringBuilder s = new StringBuilder();
        for (List<String> path : paths) {
            if (!s.isEmpty()) {
                s.append(';');
            }
            for (int i = 0; i < path.size(); i++) {
                if (i > 0) {
                    s.append('/');
                }
                path.get(i).chars().forEach(c -> {
                    if (c == '\\' || c == '/' || c == ';') {
                        s.append('\\');
                    }
                    s.append((char) c);
                });
            }
        }
        return s.toString();
    }

    public static List<List<String>> decode(String text) {
        List<List<String>> paths = new ArrayList<>();
        if (text.isEmpty()) {
            return paths;
        }
        List<String> path = new ArrayList<>();
        StringBuilder level = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                level.append(text.charAt(++i));
            } else if (c == '/') {
                path.add(level.toString());
                level.setLength(0);
            } else if (c == ';') {
                path.add(level.toString());
                level.setLength(0);
                paths.add(List.copyOf(path));
                path.clear();
            } else {
                level.append(c);
            }
        }
        path.add(level.toString());
        paths.add(List.copyOf(path));
        return paths;
    }

    /**
     * Whether a camera in {@code region} lies in or below one of {@code scope}'s paths (no path: everywhere): the rule
     * of the API's {@code RegionScope}, applied here to a list owner's regions kept with the list (the reads module
     * sees no principal).
     */
    public static boolean covers(List<List<String>> scope, List<String> region) {
        if (scope.isEmpty()) {
            return true;
        }
        for (List<String> allowed : scope) {
            if (region.size() >= allowed.size() && region.subList(0, allowed.size()).equals(allowed)) {
                return true;
            }
        }
        return false;
    }
}
