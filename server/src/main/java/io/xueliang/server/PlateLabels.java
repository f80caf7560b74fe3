package io.xueliang.server;

import io.xueliang.analytics.image.Box;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A labelled plate set's {@code labels.tsv} (the format of {@code shared/datasets/plates-dev}): a {@code #} header,
 * then {@code filename TAB plate TAB x,y,w,h TAB attrs} per plate; an empty box marks a picture that is already a
 * plate crop.
 */
record PlateLabels(Map<String, List<PlateLabels.Label>> byFile) {
    /** Bigger label files are refused: a development set of a million plates is not what this reads. */
    static final long MAX_BYTES = 64L << 20;

    /** One labelled plate; {@code box} is null for a crop. */
    record Label(String file, String plate, Box box) { }

    static PlateLabels read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException(file + " is " + size + " bytes, more than " + MAX_BYTES);
        }
        Map<String, List<Label>> byFile = new LinkedHashMap<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length < 2 || fields[0].isEmpty()) {
                throw new IOException(file + ":" + number + ": expected filename<TAB>plate<TAB>bbox<TAB>attrs");
            }
            String name = fields[0];
            if (name.contains("/") || name.contains("\\") || name.equals("..")) {
                throw new IOException(file + ":" + number + ": file name " + name + " leaves the folder");
            }
            Box box = fields.length > 2 && !fields[2].isBlank() ? box(fields[2], file, number) : null;
            byFile.computeIfAbsent(name, k -> new ArrayList<>()).add(new Label(name, fields[1].strip(), box));
        }
        return new PlateLabels(byFile);
    }

    private static Box box(String field, Path file, int number) throws IOException {
        String[] parts = field.strip().split("[,\\s]+");
        if (parts.length != 4) {
            throw new IOException(file + ":" + number + ": bbox '" + field + "' is not x,y,w,h");
        }
        try {
            return new Box(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]),
                    Double.parseDouble(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ":" + number + ": bbox '" + field + "': " + e.getMessage());
        }
    }
}
