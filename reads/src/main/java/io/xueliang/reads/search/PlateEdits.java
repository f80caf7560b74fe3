package io.xueliang.reads.search;

/**
 * What it costs to turn the plate an investigator typed into a stored plate, edit by edit, in thousandths: the
 * weighted edit distance fuzzy search ranks by. Mistakes a plate reader or a witness makes often cost little:
 *
 * <pre>
 *   a confusable character for another     O/0/D, B/8, I/1, Z/2, S/5, G/6       250
 *   the province character changed, missing or added  (湘A12345 ~ 赣A12345 ~ A12345)  500
 *   any other character changed, missing or added                                 1000
 * </pre>
 *
 * Fuzzy search goes as far as {@link #MAX_COST}: one character missing or extra and one confusion, or a province and
 * three confusions, or five confusions.
 */
public final class PlateEdits {
    /** One confusable character read or typed for another. */
    public static final int CONFUSION = 250;
    /** The province character (a Chinese character at the front) changed, missing or added. */
    public static final int PROVINCE = 500;
    /** Any other character changed, missing or added. */
    public static final int EDIT = 1000;
    /** The farthest fuzzy search looks. */
    public static final int MAX_COST = 1250;

    /** Characters that plate readers and people take for one another; one string a group. */
    private static final String[] CONFUSABLE = {"0OD", "B8", "I1", "Z2", "S5", "G6"};
    /** The province abbreviations that begin mainland plates. */
    public static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    /** The letters and digits after the province: no I or O on mainland plates. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private PlateEdits() {
    }

    /** The characters {@code c} is confused with, without itself; empty when none. */
    public static String confusions(char c) {
        for (String group : CONFUSABLE) {
            int at = group.indexOf(c);
            if (at >= 0) {
                return group.substring(0, at) + group.substring(at + 1);
            }
        }
        return "";
    }

    /** Whether {@code c} is a province character (a Chinese character: the province or another prefix). */
    public static boolean province(char c) {
        return Character.isIdeographic(c);
    }

    /** What changing {@code a} into {@code b} costs. */
    static int change(char a, char b) {
        if (a == b) {
            return 0;
        }
        if (province(a) && province(b)) {
            return PROVINCE;
        }
        return confusions(a).indexOf(b) >= 0 ? CONFUSION : EDIT;
    }

    /** What adding or dropping {@code c} costs. */
    static int addOrDrop(char c) {
        return province(c) ? PROVINCE : EDIT;
    }

    /**
     * The cheapest way from {@code typed} to {@code plate} (both normalised), in thousandths: Levenshtein's dynamic
     * programme with the costs above. Plates are at most 16 characters, so this is a few hundred steps.
     */
    public static int cost(String typed, String plate) {
        int[] previous = new int[plate.length() + 1];
        int[] current = new int[plate.length() + 1];
        for (int j = 1; j <= plate.length(); j++) {
            previous[j] = previous[j - 1] + addOrDrop(plate.charAt(j - 1));
        }
        for (int i = 1; i <= typed.length(); i++) {
            char t = typed.charAt(i - 1);
            current[0] = previous[0] + addOrDrop(t);
            for (int j = 1; j <= plate.length(); j++) {
                char p = plate.charAt(j - 1);
                current[j] = Math.min(previous[j - 1] + change(t, p),
                        Math.min(previous[j] + addOrDrop(t), current[j - 1] + addOrDrop(p)));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[plate.length()];
    }

    /** The score answered with a match: 1 for the plate as typed, 0.4 less for each 1000 of cost (0.5 at most). */
    public static double score(int cost) {
        return Math.round((1 - 0.4 * cost / 1000.0) * 1000) / 1000.0;
    }
}
