package io.xueliang.reads.search;

import io.xueliang.reads.store.ReadStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every plate within {@link PlateEdits#MAX_COST} of what was typed, by the edits fuzzy search allows (confusable
 * characters, the province changed, dropped or added, one other character changed, dropped or added), each with
 * what it costs. The store is then asked which of them it has seen: each candidate is one probe of the plate index, so a
 * fuzzy search costs the same on a year of reads as on a day, instead of comparing every stored plate. A typical
 * mainland plate gives a few thousand candidates; at most {@link ReadStore#MAX_PLATES} are kept, the cheapest.
 */
public final class FuzzyCandidates {
    /** Fewer characters than this match too much by one dropped or added character to be worth a search. */
    public static final int MIN_LENGTH = 5;

    private FuzzyCandidates() {
    }

    /**
     * @param typed the normalised plate, no wildcards, at least {@link #MIN_LENGTH} characters
     * @return candidate plate to cost, cheapest first; the plate itself costs 0
     */
    public static Map<String, Integer> of(String typed) {
        if (typed.length() < MIN_LENGTH || typed.indexOf('*') >= 0 || typed.indexOf('?') >= 0) {
            throw new IllegalArgumentException("fuzzy search takes a plate of " + MIN_LENGTH
                    + " or more characters without wildcards, got '" + typed + "'");
        }
        boolean hasProvince = PlateEdits.province(typed.charAt(0));
        String core = hasProvince ? typed.substring(1) : typed;
        Map<String, Integer> provinces = new HashMap<>();
        provinces.put(hasProvince ? typed.substring(0, 1) : "", 0);
        if (hasProvince) {
            provinces.put("", PlateEdits.PROVINCE);
        }
        for (char p : PlateEdits.PROVINCES.toCharArray()) {
            provinces.putIfAbsent(String.valueOf(p), PlateEdits.PROVINCE);
        }

        Map<String, Integer> cores = new HashMap<>();
        confusions(core, 0, 0, PlateEdits.MAX_COST, cores);
        for (int at = 0; at <= core.length(); at++) {
            for (char c : PlateEdits.ALPHABET.toCharArray()) {
                confusions(core.substring(0, at) + c + core.substring(at), 0, PlateEdits.EDIT, PlateEdits.MAX_COST, cores);
            }
            if (at < core.length()) {
                if (core.length() > 1) {
                    confusions(core.substring(0, at) + core.substring(at + 1), 0, PlateEdits.EDIT, PlateEdits.MAX_COST,
                            cores);
                }
                for (char c : PlateEdits.ALPHABET.toCharArray()) {
                    if (c != core.charAt(at) && PlateEdits.confusions(core.charAt(at)).indexOf(c) < 0) {
                        confusions(core.substring(0, at) + c + core.substring(at + 1), 0, PlateEdits.EDIT,
                                PlateEdits.MAX_COST, cores);
                    }
                }
            }
        }

        Map<String, Integer> out = new HashMap<>();
        provinces.forEach((province, pc) -> cores.forEach((variant, cc) -> {
            if (pc + cc <= PlateEdits.MAX_COST) {
                out.merge(province + variant, pc + cc, Math::min);
            }
        }));
        List<Map.Entry<String, Integer>> ranked = new ArrayList<>(out.entrySet());
        ranked.sort(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> kept = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : ranked.subList(0, Math.min(ranked.size(), ReadStore.MAX_PLATES))) {
            kept.put(e.getKey(), e.getValue());
        }
        return kept;
    }

    /** {@code s} and every way of swapping confusable characters from {@code from} on within {@code budget}. */
    private static void confusions(String s, int from, int cost, int budget, Map<String, Integer> out) {
        out.merge(s, cost, Math::min);
        for (int i = from; i < s.length(); i++) {
            if (cost + PlateEdits.CONFUSION > budget) {
                return;
            }
            for (char other : PlateEdits.confusions(s.charAt(i)).toCharArray()) {
                confusions(s.substring(0, i) + other + s.substring(i + 1), i + 1, cost + PlateEdits.CONFUSION, budget,
                        out);
            }
        }
    }
}
