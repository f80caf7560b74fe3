package io.xueliang.analytics.plate.grammar;

import java.util.ArrayList;
import java.util.List;

/** The positions of one Chinese plate type, from GA 36-2018. */
record ChineseLayout(PlateType type, List<Slot> slots) {

    ChineseLayout {
        slots = List.copyOf(slots);
    }

    int length() {
        return slots.size();
    }

    int hanCount() {
        return (int) slots.stream().filter(s -> s.kind() == Slot.Kind.PROVINCE || s.kind() == Slot.Kind.SUFFIX).count();
    }

    /** In the order ties are broken: the more common type first. */
    static List<ChineseLayout> all(boolean extendedNewEnergySeries) {
        String newEnergySeries = extendedNewEnergySeries ? "DABCEFGHJK" : "DF";
        List<ChineseLayout> layouts = new ArrayList<>();
        layouts.add(ordinary(PlateType.SMALL_CAR));
        layouts.add(ordinary(PlateType.LARGE_VEHICLE));
        layouts.add(ordinary(PlateType.ORDINARY));
        layouts.add(new ChineseLayout(PlateType.NEW_ENERGY_SMALL, List.of(Slot.province(), Slot.letter(),
                Slot.letter(newEnergySeries), Slot.letterOrDigit(), Slot.digit(), Slot.digit(), Slot.digit(), Slot.digit())));
        layouts.add(new ChineseLayout(PlateType.NEW_ENERGY_LARGE, List.of(Slot.province(), Slot.letter(),
                Slot.digit(), Slot.digit(), Slot.digit(), Slot.digit(), Slot.digit(), Slot.letter("DF"))));
        layouts.add(suffixed(PlateType.LEARNER, Slot.province(), Slot.letter(), "学"));
        layouts.add(suffixed(PlateType.TRAILER, Slot.province(), Slot.letter(), "挂"));
        layouts.add(suffixed(PlateType.POLICE, Slot.province(), Slot.letter(), "警"));
        layouts.add(suffixed(PlateType.CONSULATE, Slot.province(), Slot.letter(), "领"));
        layouts.add(suffixed(PlateType.HONG_KONG_MACAU, Slot.province("粤"), Slot.letter("Z"), "港澳"));
        layouts.add(new ChineseLayout(PlateType.EMBASSY, List.of(Slot.suffix("使"),
                Slot.digit(), Slot.digit(), Slot.digit(), Slot.digit(), Slot.digit(), Slot.digit())));
        return List.copyOf(layouts);
    }

    private static ChineseLayout ordinary(PlateType type) {
        List<Slot> slots = new ArrayList<>(List.of(Slot.province(), Slot.letter()));
        for (int i = 0; i < 5; i++) {
            slots.add(Slot.letterOrDigit());
        }
        return new ChineseLayout(type, slots);
    }

    /** Province, letter, 4 letters or digits, then the red character naming the use. */
    private static ChineseLayout suffixed(PlateType type, Slot province, Slot letter, String suffix) {
        List<Slot> slots = new ArrayList<>(List.of(province, letter));
        for (int i = 0; i < 4; i++) {
            slots.add(Slot.letterOrDigit());
        }
        slots.add(Slot.suffix(suffix));
        return new ChineseLayout(type, slots);
    }
}
