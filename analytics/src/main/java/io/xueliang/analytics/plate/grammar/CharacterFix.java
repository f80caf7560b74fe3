package io.xueliang.analytics.plate.grammar;

/**
 * One character the grammar changed because its position cannot hold what the recogniser read.
 *
 * @param position index among the plate's characters (separators not counted)
 */
public record CharacterFix(int position, char from, char to) {
    @Override
    public String toString() {
        return position + ":" + from + "→" + to;
    }
}
