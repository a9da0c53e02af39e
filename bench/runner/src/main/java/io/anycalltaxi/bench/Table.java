package io.anycalltaxi.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A table of figures, printed in Markdown so that it can go into docs/benchmarks.md as it is. */
final class Table {

    private final String title;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Table> following = new ArrayList<>();

    Table(String title, String... header) {
        this.title = title;
        this.header = List.of(header);
    }

    Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(title + ": " + cells.length + " cells for " + header.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    Table note(String note) {
        notes.add(note);
        return this;
    }

    /** A table that belongs with this one, printed after it. */
    Table followedBy(Table next) {
        following.add(next);
        return this;
    }

    static String ms(double millis) {
        return Double.isNaN(millis) ? "-" : String.format("%.1f", millis);
    }

    static String rate(double perSecond) {
        return String.format("%.1f", perSecond);
    }

    static String times(double ratio) {
        return String.format("%.2f×", ratio);
    }

    @Override
    public String toString() {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder("### ").append(title).append("\n\n");
        line(text, header, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        line(text, rule, widths);
        rows.forEach(row -> line(text, row, widths));
        notes.forEach(note -> text.append("\n").append(note).append("\n"));
        following.forEach(next -> text.append("\n").append(next));
        return text.toString();
    }

    private static void line(StringBuilder text, List<String> cells, int[] widths) {
        text.append("|");
        for (int i = 0; i < cells.size(); i++) {
            text.append(" ").append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length())).append(" |");
        }
        text.append("\n");
    }
}
