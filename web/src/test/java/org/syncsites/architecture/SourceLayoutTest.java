package org.syncsites.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the formatter (Spotless, in {@code mvn verify}) leaves to the authors: a type is named by its simple name
 * with an import, not spelled out in full in the code, unless its simple name is taken (imported from another
 * package, declared in the file or in its package).
 */
class SourceLayoutTest {

    /** Every source folder of the build, from the web module's folder (where Maven runs this test). */
    private static final List<Path> ROOTS = Stream.of(
                    "../ejb/src/main/java",
                    "../ejb/src/test/java",
                    "src/main/java",
                    "src/test/java",
                    "../demo/src/main/java",
                    "../demo-data/src/main/java",
                    "../ear/src/test/java")
            .map(Path::of)
            .toList();

    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w.\"/$])((?:java|javax|jakarta|org\\.syncsites)(?:\\.[a-z][a-z0-9_]*)+)\\.([A-Z]\\w*)");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?!static )([\\w.]+)\\.(\\w+);");
    private static final Pattern DECLARED = Pattern.compile("\\b(?:class|interface|record|enum)\\s+(\\w+)");

    @Test
    void typesAreImportedNotSpelledOutInTheCode() throws IOException {
        Map<String, Set<String>> typesOfPackage = new HashMap<>();
        List<Path> files = new ArrayList<>();
        for (Path root : ROOTS) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file :
                        walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                    files.add(file);
                    String pkg = root.relativize(file.getParent()).toString().replace('/', '.');
                    String name = file.getFileName().toString();
                    typesOfPackage.computeIfAbsent(pkg, p -> new HashSet<>()).add(name.substring(0, name.length() - 5));
                }
            }
        }
        List<String> spelledOut = new ArrayList<>();
        for (Path file : files) {
            String source = Files.readString(file);
            Map<String, String> imported = new HashMap<>();
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                imported.put(imports.group(2), imports.group(1));
            }
            Set<String> taken = new HashSet<>();
            DECLARED.matcher(source).results().forEach(m -> taken.add(m.group(1)));
            Matcher pkg = Pattern.compile("(?m)^package ([\\w.]+);").matcher(source);
            String own = pkg.find() ? pkg.group(1) : "";
            taken.addAll(typesOfPackage.getOrDefault(own, Set.of()));
            Map<String, Set<String>> packagesOfName = new HashMap<>();
            List<String[]> found = new ArrayList<>();
            String[] lines = source.split("\n");
            boolean inComment = false;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (inComment) {
                    inComment = !line.contains("*/");
                    continue;
                }
                if (line.startsWith("/*")) {
                    inComment = !line.contains("*/");
                    continue;
                }
                if (line.startsWith("*")
                        || line.startsWith("//")
                        || line.startsWith("import ")
                        || line.startsWith("package ")) {
                    continue;
                }
                String code =
                        lines[i].replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("//.*", "");
                Matcher qualified = QUALIFIED.matcher(code);
                while (qualified.find()) {
                    packagesOfName
                            .computeIfAbsent(qualified.group(2), n -> new HashSet<>())
                            .add(qualified.group(1));
                    found.add(new String[] {qualified.group(1), qualified.group(2), Integer.toString(i + 1)});
                }
            }
            for (String[] type : found) {
                String name = type[1];
                boolean otherwiseTaken =
                        (imported.containsKey(name) && !imported.get(name).equals(type[0]))
                                || (taken.contains(name) && !type[0].equals(own))
                                || packagesOfName.get(name).size() > 1
                                || (!type[0].equals("java.lang") && isJavaLang(name));
                if (!otherwiseTaken) {
                    spelledOut.add(file.normalize() + ":" + type[2] + " " + type[0] + "." + name);
                }
            }
        }
        assertEquals(List.of(), spelledOut, "types spelled out in full where an import would do");
    }

    private static boolean isJavaLang(String name) {
        try {
            Class.forName("java.lang." + name);
            return true;
        } catch (ClassNotFoundException no) {
            return false;
        }
    }
}
