package io.anycalltaxi.local.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * fabric8's models accept unknown fields into {@code additionalProperties} without a word: a
 * misspelt field would be silently ignored, on the cluster as here. This walks a parsed manifest
 * and lists every field that the model did not know, with its path.
 */
public final class StrictModel {

    private StrictModel() {
    }

    public static List<String> unknownFields(Object manifest) {
        List<String> unknown = new ArrayList<>();
        walk(manifest, "", unknown);
        return unknown;
    }

    private static void walk(Object node, String path, List<String> unknown) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, unknown));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> type = node.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object value = read(field, node);
                if (field.getName().equals("additionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        extra.keySet().forEach(key -> unknown.add(path + "." + key));
                    }
                } else {
                    walk(value, path + "." + field.getName(), unknown);
                }
            }
        }
    }

    private static Object read(Field field, Object node) {
        try {
            field.setAccessible(true);
            return field.get(node);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }
}
