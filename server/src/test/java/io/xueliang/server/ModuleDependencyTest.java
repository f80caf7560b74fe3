package io.xueliang.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps DESIGN.md section 3 true: the one-way module graph and each heavy library in one place.
 * ({@code bench} may depend on anything and is not on this module's classpath.)
 */
class ModuleDependencyTest {
    private static final List<String> MODULES =
            List.of("config", "media", "synth", "sql", "ingest", "storage", "analytics", "reads", "api", "cluster", "server");

    /** Module to the modules of ours it may use; every module may use itself. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("config", Set.of()),
            Map.entry("media", Set.of("config")),
            Map.entry("synth", Set.of()),
            Map.entry("sql", Set.of()),
            Map.entry("ingest", Set.of("media", "config")),
            Map.entry("storage", Set.of("media", "config", "sql")),
            Map.entry("analytics", Set.of("media", "config")),
            Map.entry("reads", Set.of("media", "config", "sql")),
            Map.entry("api", Set.of("media", "config", "sql", "storage", "reads")),
            Map.entry("cluster", Set.of("media", "config")),
            Map.entry("server", Set.copyOf(MODULES)));

    /** Library package to the modules allowed to import it directly. */
    private static final Map<String, Set<String>> LIBRARIES = Map.of(
            "io.netty..", Set.of("ingest", "api"),
            "io.vertx..", Set.of("api"),
            "org.bytedeco..", Set.of("analytics"),
            "ai.onnxruntime..", Set.of("analytics"),
            "java.sql..", Set.of("sql", "storage", "reads"),
            "io.minio..", Set.of("storage"),
            "org.apache.kafka..", Set.of("cluster"),
            "org.snakeyaml..", Set.of("config"));

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.xueliang");
    }

    static Stream<String> modules() {
        return MODULES.stream();
    }

    @ParameterizedTest(name = "{0} uses only the modules DESIGN.md allows")
    @MethodSource("modules")
    void moduleDependsOnlyOnAllowedModules(String module) {
        String[] forbidden = MODULES.stream()
                .filter(m -> !m.equals(module) && !ALLOWED.get(module).contains(m))
                .map(m -> "io.xueliang." + m + "..")
                .toArray(String[]::new);
        if (forbidden.length == 0) {
            return;
        }
        noClasses().that().resideInAPackage("io.xueliang." + module + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .allowEmptyShould(true)
                .check(classes);
    }

    static Stream<String> libraries() {
        return LIBRARIES.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0} is used only where DESIGN.md puts it")
    @MethodSource("libraries")
    void heavyLibraryLivesInItsModule(String library) {
        String[] others = MODULES.stream()
                .filter(m -> !LIBRARIES.get(library).contains(m))
                .map(m -> "io.xueliang." + m + "..")
                .toArray(String[]::new);
        noClasses().that().resideInAnyPackage(others)
                .should().dependOnClassesThat().resideInAPackage(library)
                .allowEmptyShould(true)
                .because("DESIGN.md section 3 keeps " + library + " in " + LIBRARIES.get(library).stream().sorted().collect(Collectors.joining(", ")))
                .check(classes);
    }

    @ParameterizedTest(name = "{0} has no util, common, helper or manager package")
    @MethodSource("modules")
    void noGrabBagPackages(String module) {
        noClasses().that().resideInAnyPackage(
                        "io.xueliang." + module + "..util..", "io.xueliang." + module + "..common..",
                        "io.xueliang." + module + "..helper..", "io.xueliang." + module + "..manager..",
                        "io.xueliang." + module + "..bean..")
                .should().bePublic().orShould().notBePublic()
                .allowEmptyShould(true)
                .because("CONVENTIONS.md: a class that does not know where it lives is a design question")
                .check(classes);
    }
}
