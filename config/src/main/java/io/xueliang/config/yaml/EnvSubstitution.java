package io.xueliang.config.yaml;

import io.xueliang.config.ConfigException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} in a value with the environment variable NAME, so that secrets such as
 * camera passwords stay out of the file: {@code rtsp://admin:${CAM_PASS}@10.0.0.5/...}.
 * <code>$${</code> writes a literal <code>${</code>; a {@code $} not followed by <code>{</code> stays as it is.
 * Failures name the variable but never a value.
 */
final class EnvSubstitution {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> env;

    EnvSubstitution(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** {@code text} with every reference replaced; {@code path} names the key in failures. */
    String apply(String text, String path) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new ConfigException(path, "unterminated '${' (write '$${' for a literal '${')");
                }
                String name = text.substring(i + 2, end);
                if (!NAME.matcher(name).matches()) {
                    throw new ConfigException(path, "invalid environment variable name '" + name
                            + "' in '${...}' (letters, digits and '_', not starting with a digit)");
                }
                String value = env.get(name);
                if (value == null) {
                    throw new ConfigException(path, "environment variable " + name + " is not set");
                }
                out.append(value);
                i = end + 1;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return out.toString();
    }
}
