package org.syncsites.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the whole application (the ejb and web modules) runs one way: a package uses only
 * packages of the levels below its own, never one above it nor a neighbour on its own level. Each package says
 * in its {@code package-info.java} what it owns and what it may use; this list is the same order in one place.
 */
class PackageGraphTest {

    private static final String ROOT = "org.syncsites.";

    /** Bottom first. Packages on one line are peers: neither uses the other. */
    private static final List<List<String>> LEVELS = List.of(
            List.of("platform"),
            List.of("syncv5", "security", "legacytables"),
            List.of("audit"),
            List.of("user", "masterdata", "syncqueue", "synchistory", "backup"),
            List.of("site"),
            List.of("store"),
            List.of("resync", "siteusers"),
            List.of("networkhealth"),
            List.of("siteadmin", "sync", "remote.http"),
            List.of("remote"),
            List.of("firststart"),
            List.of("web.faces", "web.session"),
            List.of("web.rest"),
            List.of(
                    "web.sync",
                    "web.audit",
                    "web.stores",
                    "web.users",
                    "web.remote",
                    "web.sites",
                    "web.dashboard",
                    "web.siteusers"));

    /** The source folders of the two modules, from the web module's folder (where Maven runs this test). */
    private static final List<Path> SOURCES =
            List.of(Path.of("src/main/java/org/syncsites"), Path.of("../ejb/src/main/java/org/syncsites"));

    private static final JavaClasses APPLICATION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.syncsites");

    @Test
    void everyPackageUsesOnlyPackagesBelowIt() {
        Map<String, Integer> level = levels();
        Set<String> violations = new TreeSet<>();
        for (JavaClass origin : APPLICATION) {
            String from = packageOf(origin);
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass().getBaseComponentType();
                if (!target.getPackageName().startsWith(ROOT)) {
                    continue;
                }
                String to = packageOf(target);
                if (from.equals(to)) {
                    continue;
                }
                if (!level.containsKey(from) || !level.containsKey(to)) {
                    violations.add("package " + (level.containsKey(from) ? to : from) + " has no level in "
                            + "PackageGraphTest.LEVELS: place it there and give it a package-info.java");
                } else if (level.get(to) >= level.get(from)) {
                    violations.add(from + " must not use " + to + " ("
                            + (level.get(to).equals(level.get(from)) ? "a peer" : "a level above") + "): "
                            + dependency.getDescription());
                }
            }
        }
        assertEquals(List.of(), new ArrayList<>(violations));
    }

    @Test
    void noPackagesUseEachOther() {
        SlicesRuleDefinition.slices()
                .matching("org.syncsites.(**)")
                .should()
                .beFreeOfCycles()
                .check(APPLICATION);
    }

    @Test
    void everyPackageSaysWhatItOwnsAndMayUse() {
        Set<String> packages = new TreeSet<>();
        APPLICATION.forEach(c -> packages.add(packageOf(c)));
        Set<String> missing = new TreeSet<>();
        for (String p : packages) {
            Path folder = Path.of(p.replace('.', '/'));
            if (SOURCES.stream()
                    .noneMatch(root -> Files.exists(root.resolve(folder).resolve("package-info.java")))) {
                missing.add(p);
            }
        }
        assertEquals(Set.of(), missing, "packages without a package-info.java");
        Set<String> listed = new TreeSet<>(levels().keySet());
        assertEquals(listed, packages, "PackageGraphTest.LEVELS names exactly the application's packages");
    }

    /**
     * The "Uses ..." sentence of each package-info names exactly the application's packages the package's sources
     * import or name (what is said in parentheses explains, it does not name). "The ejb packages they show" stands
     * for every package of the ejb module a web package uses. Read from the sources, not the classes: a constant
     * (a role's name) is copied into the class that uses it.
     */
    @Test
    void everyPackageInfoNamesThePackagesItUses() throws Exception {
        Set<String> known = levels().keySet();
        List<String> wrong = new ArrayList<>();
        for (String pkg : known) {
            Set<String> actual = usedInSources(pkg, known);
            String sentence = usesSentence(pkg);
            Set<String> said = new TreeSet<>();
            for (String word : sentence.replaceAll("\\([^)]*\\)", "").split("[^a-z0-9.]+")) {
                String name = word.replaceAll("\\.+$", "");
                if (known.contains(name)) {
                    said.add(name);
                }
            }
            if (sentence.contains("the ejb packages")) {
                actual.removeIf(p -> !p.startsWith("web."));
            }
            if (!said.equals(actual)) {
                wrong.add(pkg + " says it uses " + said + " but uses " + actual);
            }
        }
        assertEquals(List.of(), wrong, "package-info.java's \"Uses\" sentences");
    }

    /** README's table of packages (module ejb or web) names exactly the application's packages. */
    @Test
    void readmeNamesEveryPackage() throws Exception {
        Matcher row = Pattern.compile("(?m)^\\| `([a-z0-9.]+)` \\| (ejb|web) \\|")
                .matcher(Files.readString(Path.of("../README.md")));
        Set<String> named = new TreeSet<>();
        while (row.find()) {
            named.add(row.group(1));
        }
        assertEquals(new TreeSet<>(levels().keySet()), named, "README's table of packages (How it is built)");
    }

    private static final Pattern NAMED = Pattern.compile("org\\.syncsites\\.([a-z0-9.]+)\\.[A-Z]");

    /** The application's packages the package's own sources (not its subpackages') import or name. */
    private static Set<String> usedInSources(String pkg, Set<String> known) throws Exception {
        Set<String> used = new TreeSet<>();
        for (Path root : SOURCES) {
            Path folder = root.resolve(pkg.replace('.', '/'));
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (var files = Files.list(folder)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher named = NAMED.matcher(Files.readString(file));
                    while (named.find()) {
                        String target = named.group(1);
                        while (!known.contains(target) && target.contains(".")) {
                            target = target.substring(0, target.lastIndexOf('.'));
                        }
                        if (known.contains(target) && !target.equals(pkg)) {
                            used.add(target);
                        }
                    }
                }
            }
        }
        return used;
    }

    private static final Pattern USES = Pattern.compile("\\bUses (.*?)\\.(\\s+[A-Z]|\\s*$)", Pattern.DOTALL);

    /** The package-info's sentence that begins with "Uses", on one line. */
    private static String usesSentence(String pkg) throws Exception {
        for (Path root : SOURCES) {
            Path info = root.resolve(pkg.replace('.', '/')).resolve("package-info.java");
            if (Files.exists(info)) {
                String comment = Files.readString(info)
                        .replaceAll("(?s)\\*/.*", "")
                        .replaceAll("(?m)^\\s*/?\\*+ ?", " ")
                        .replaceAll("\\s+", " ")
                        .strip();
                Matcher uses = USES.matcher(comment);
                return uses.find() ? uses.group(1) : "";
            }
        }
        return "";
    }

    private static Map<String, Integer> levels() {
        Map<String, Integer> level = new HashMap<>();
        for (int i = 0; i < LEVELS.size(); i++) {
            for (String p : LEVELS.get(i)) {
                level.put(p, i);
            }
        }
        return level;
    }

    private static String packageOf(JavaClass type) {
        return type.getPackageName().substring(ROOT.length());
    }
}
