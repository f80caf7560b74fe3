package io.xueliang.config.yaml;

import io.xueliang.config.ConfigException;
import io.xueliang.config.XueliangConfig;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Loads the configuration file: YAML composed by snakeyaml-engine into a node tree, then bound to
 * the records by hand. An empty file gives {@link XueliangConfig#defaults()}. Every failure is a
 * {@link ConfigException} whose message reads {@code <file>:<line>: <key path>: <reason>}
 * ({@code :<line>} left out where unknown), e.g.
 * {@code xueliang.yaml:7: cameras[2].sorce: unknown key; known keys: id, name, ...}.
 *
 * <p>{@code ${NAME}} inside a value is replaced by the environment variable NAME (<code>$${</code>
 * writes a literal <code>${</code>); the environment is passed in, never read here, so tests and the
 * server decide what it holds.
 */
public final class ConfigLoader {
    /** Aliases can multiply a small file into a huge tree ("billion laughs"); a configuration needs few. */
    private static final int MAX_ALIASES = 50;

    private ConfigLoader() {
    }

    /**
     * @param file the YAML file, read as UTF-8
     * @param env the environment for {@code ${NAME}}, usually {@code System.getenv()}
     * @throws ConfigException when the content is not a valid configuration
     * @throws IOException when the file cannot be read
     */
    public static XueliangConfig load(Path file, Map<String, String> env) throws IOException {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ConfigException(file.toString(), 0, "", "not valid UTF-8");
        }
        return parse(yaml, file.toString(), env);
    }

    /**
     * @param yaml the file content
     * @param sourceName the name failures give the source, usually the file name
     * @param env the environment for {@code ${NAME}}
     * @throws ConfigException when the content is not a valid configuration
     */
    public static XueliangConfig parse(String yaml, String sourceName, Map<String, String> env) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(sourceName)
                .setSchema(new CoreSchema())
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setAllowNonScalarKeys(true) // rejected by the binder, with the key's line
                .setUseMarks(true)
                .build();
        Node root;
        try {
            root = new Compose(settings).composeString(yaml).orElse(null);
        } catch (MarkedYamlEngineException e) {
            // Context and problem only: the full message quotes a snippet of the line, which may hold a password.
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            String what = e.getContext() == null || e.getContext().isBlank() ? e.getProblem() : e.getContext() + ", " + e.getProblem();
            throw new ConfigException(sourceName, line, "", "invalid YAML: " + what);
        } catch (YamlEngineException e) {
            throw new ConfigException(sourceName, 0, "", "invalid YAML: " + e.getMessage());
        }
        return new ConfigBinder(sourceName, env).bind(root);
    }
}
