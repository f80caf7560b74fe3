package io.xueliang.analytics.plate.grammar;

import static io.xueliang.analytics.plate.grammar.PlateColour.BLACK;
import static io.xueliang.analytics.plate.grammar.PlateColour.BLUE;
import static io.xueliang.analytics.plate.grammar.PlateColour.GREEN;
import static io.xueliang.analytics.plate.grammar.PlateColour.UNKNOWN;
import static io.xueliang.analytics.plate.grammar.PlateColour.WHITE;
import static io.xueliang.analytics.plate.grammar.PlateColour.YELLOW;
import static io.xueliang.analytics.plate.grammar.RejectionReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One table of reads: what each grammar accepts, which characters it fixes, and why it rejects the rest. */
class PlateGrammarTest {

    private static final GrammarSettings DEFAULTS = GrammarSettings.DEFAULTS;
    private static final PlateGrammar CHINA = new ChinesePlateGrammar(DEFAULTS);
    private static final PlateGrammar CHINA_D_F_ONLY =
            new ChinesePlateGrammar(new GrammarSettings(0.6, 0.8, 3, 32, false));
    private static final PlateGrammar FOREIGN = new PatternPlateGrammar(
            List.of(PlatePattern.GERMANY, PlatePattern.FRANCE, PlatePattern.US_CALIFORNIA), DEFAULTS);

    /** One row: {@code text == null} means a rejection with {@code reason}. */
    record Case(String behaviour, PlateGrammar grammar, RecognisedText input, PlateColour colour,
                String text, PlateFormat format, PlateColour reportedColour, List<String> fixes, List<Integer> low,
                RejectionReason reason) {
        @Override
        public String toString() {
            return behaviour;
        }
    }

    private static Case ok(String behaviour, String raw, PlateColour colour, String text, PlateFormat format,
                           String... fixes) {
        return ok(behaviour, CHINA, RecognisedText.uniform(raw, 0.95), colour, text, format, fixes);
    }

    private static Case ok(String behaviour, PlateGrammar grammar, RecognisedText input, PlateColour colour,
                           String text, PlateFormat format, String... fixes) {
        PlateColour reported = colour == UNKNOWN && format instanceof PlateType t ? t.colour() : colour;
        return new Case(behaviour, grammar, input, colour, text, format, reported, List.of(fixes), List.of(), null);
    }

    private static Case low(String behaviour, PlateGrammar grammar, RecognisedText input, PlateColour colour,
                            String text, PlateFormat format, List<Integer> low, String... fixes) {
        return new Case(behaviour, grammar, input, colour, text, format, colour, List.of(fixes), low, null);
    }

    private static Case no(String behaviour, String raw, PlateColour colour, RejectionReason reason) {
        return no(behaviour, CHINA, raw, colour, reason);
    }

    private static Case no(String behaviour, PlateGrammar grammar, String raw, PlateColour colour,
                           RejectionReason reason) {
        return new Case(behaviour, grammar, RecognisedText.uniform(raw, 0.95), colour, null, null, null, null,
                null, reason);
    }

    private static Case foreign(String behaviour, String raw, String text, PlatePattern pattern, String... fixes) {
        return ok(behaviour, FOREIGN, RecognisedText.uniform(raw, 0.95), UNKNOWN, text, pattern, fixes);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // blue small car and the separators readers produce
                ok("acceptsBlueSmallCar", "京A12345", BLUE, "京A12345", PlateType.SMALL_CAR),
                ok("stripsMiddleDotAfterAuthorityLetter", "京A·12345", BLUE, "京A12345", PlateType.SMALL_CAR),
                ok("stripsSpacesAndHyphens", "沪B 12-345", BLUE, "沪B12345", PlateType.SMALL_CAR),
                ok("stripsFullStopAndKatakanaDot", "渝C.123・45", BLUE, "渝C12345", PlateType.SMALL_CAR),
                ok("foldsFullWidthAndLowerCase", "粤ｂ１2345", BLUE, "粤B12345", PlateType.SMALL_CAR),
                ok("keepsLookAlikeLettersWhereSerialAllowsLetters", "苏EB8DZ2", BLUE, "苏EB8DZ2", PlateType.SMALL_CAR),
                ok("fixesOToZeroInSerial", "浙A1O234", BLUE, "浙A10234", PlateType.SMALL_CAR, "3:O→0"),
                ok("fixesIToOneInSerial", "浙A12I34", BLUE, "浙A12134", PlateType.SMALL_CAR, "4:I→1"),
                ok("fixesLowerCaseOInSerial", "京a1o345", BLUE, "京A10345", PlateType.SMALL_CAR, "3:O→0"),
                ok("fixesZeroToDWhereAuthorityLetterRequired", "京012345", BLUE, "京D12345", PlateType.SMALL_CAR, "1:0→D"),
                ok("fixesEightToBWhereAuthorityLetterRequired", "京812345", BLUE, "京B12345", PlateType.SMALL_CAR, "1:8→B"),
                ok("fixesTwoToZWhereAuthorityLetterRequired", "京212345", BLUE, "京Z12345", PlateType.SMALL_CAR, "1:2→Z"),
                no("rejectsOneWhereAuthorityLetterRequired", "京112345", BLUE, DIGIT_WHERE_LETTER_REQUIRED),
                no("rejectsIAsAuthorityLetter", "京I12345", BLUE, LETTER_I_OR_O),
                no("rejectsOAsAuthorityLetter", "京O12345", BLUE, LETTER_I_OR_O),
                // yellow
                ok("acceptsYellowLargeVehicle", "鲁B12345", YELLOW, "鲁B12345", PlateType.LARGE_VEHICLE),
                ok("callsSevenCharactersOrdinaryWithoutColour", "鲁B12345", UNKNOWN, "鲁B12345", PlateType.ORDINARY),
                ok("acceptsLearnerPlate", "冀A1234学", YELLOW, "冀A1234学", PlateType.LEARNER),
                ok("acceptsTrailerPlate", "豫A·1234挂", YELLOW, "豫A1234挂", PlateType.TRAILER),
                ok("namesTrailerWithoutColour", "豫A1234挂", UNKNOWN, "豫A1234挂", PlateType.TRAILER),
                no("rejectsLearnerSuffixOnBluePlate", "冀A1234学", BLUE, TOO_MANY_CHINESE_CHARACTERS),
                // green new energy, small
                ok("acceptsNewEnergySmallPureElectric", "京AD12345", GREEN, "京AD12345", PlateType.NEW_ENERGY_SMALL),
                ok("acceptsNewEnergySmallWithLetterSecond", "沪AF·A1234", GREEN, "沪AFA1234", PlateType.NEW_ENERGY_SMALL),
                ok("keepsLetterInNewEnergySmallMixedPosition", "京ADB1234", GREEN, "京ADB1234", PlateType.NEW_ENERGY_SMALL),
                ok("fixesOInNewEnergySmallMixedPosition", "京ADO1234", GREEN, "京AD01234", PlateType.NEW_ENERGY_SMALL, "3:O→0"),
                ok("fixesLettersInNewEnergySmallDigitPositions", "京AD1B3Z5", GREEN, "京AD18325", PlateType.NEW_ENERGY_SMALL, "4:B→8", "6:Z→2"),
                ok("fixesDToZeroInNewEnergySmallDigitPosition", "京AD1D345", GREEN, "京AD10345", PlateType.NEW_ENERGY_SMALL, "4:D→0"),
                ok("fixesZeroToDInNewEnergySeriesLetter", "京A012345", GREEN, "京AD12345", PlateType.NEW_ENERGY_SMALL, "2:0→D"),
                ok("fixesEightToBInExtendedNewEnergySeries", "京A812345", GREEN, "京AB12345", PlateType.NEW_ENERGY_SMALL, "2:8→B"),
                ok("acceptsExtendedNewEnergySeriesLetter", "粤AK12345", GREEN, "粤AK12345", PlateType.NEW_ENERGY_SMALL),
                no("rejectsExtendedSeriesWhenOnlyDAndFConfigured", CHINA_D_F_ONLY, "京AA12345", GREEN, INVALID_CHARACTER),
                no("rejectsEightAsSeriesWhenOnlyDAndFConfigured", CHINA_D_F_ONLY, "京A812345", GREEN, DIGIT_WHERE_LETTER_REQUIRED),
                ok("namesNewEnergySmallWithoutColour", "京AD12345", UNKNOWN, "京AD12345", PlateType.NEW_ENERGY_SMALL),
                // new energy, large
                ok("acceptsNewEnergyLarge", "粤B12345D", GREEN, "粤B12345D", PlateType.NEW_ENERGY_LARGE),
                ok("acceptsNewEnergyLargeSeenAsYellow", "粤B12345F", YELLOW, "粤B12345F", PlateType.NEW_ENERGY_LARGE),
                ok("fixesZeroToDInNewEnergyLargeLastPosition", "粤B123450", GREEN, "粤B12345D", PlateType.NEW_ENERGY_LARGE, "7:0→D"),
                ok("fixesZToTwoInNewEnergyLargeDigits", "粤B1Z345F", GREEN, "粤B12345F", PlateType.NEW_ENERGY_LARGE, "3:Z→2"),
                no("rejectsLetterInNewEnergyLargeDigits", "粤B12A45D", GREEN, LETTER_WHERE_DIGIT_REQUIRED),
                // white and black
                ok("acceptsPolicePlate", "京A·1234警", WHITE, "京A1234警", PlateType.POLICE),
                ok("namesPoliceWhiteWithoutColour", "京A1234警", UNKNOWN, "京A1234警", PlateType.POLICE),
                no("rejectsPoliceSuffixOnBluePlate", "京A1234警", BLUE, TOO_MANY_CHINESE_CHARACTERS),
                no("rejectsWhitePlateWithoutPoliceSuffix", "京A12345", WHITE, SUFFIX_MISSING),
                ok("acceptsEmbassyPlate", "使014·578", BLACK, "使014578", PlateType.EMBASSY),
                ok("fixesOInEmbassyDigits", "使O14578", BLACK, "使014578", PlateType.EMBASSY, "1:O→0"),
                no("rejectsLetterInEmbassyDigits", "使01A578", BLACK, LETTER_WHERE_DIGIT_REQUIRED),
                ok("acceptsConsulatePlate", "沪A0023领", BLACK, "沪A0023领", PlateType.CONSULATE),
                ok("acceptsHongKongPlate", "粤Z·1234港", BLACK, "粤Z1234港", PlateType.HONG_KONG_MACAU),
                ok("acceptsMacauPlateFixingTwoToZ", "粤21234澳", BLACK, "粤Z1234澳", PlateType.HONG_KONG_MACAU, "1:2→Z"),
                no("rejectsHongKongSuffixOutsideGuangdong", "京Z1234港", BLACK, WRONG_SUFFIX),
                // rejections
                no("rejectsEmptyRead", "", BLUE, EMPTY),
                no("rejectsSeparatorsOnly", "· -", UNKNOWN, EMPTY),
                no("rejectsUnknownProvince", "台A12345", BLUE, UNKNOWN_PROVINCE),
                no("rejectsMissingProvince", "AB12345", BLUE, PROVINCE_MISSING),
                no("rejectsSecondChineseCharacterOnBluePlate", "京京A1234", BLUE, TOO_MANY_CHINESE_CHARACTERS),
                no("rejectsThreeChineseCharacters", "京A12警学", UNKNOWN, TOO_MANY_CHINESE_CHARACTERS),
                no("rejectsChineseCharacterInSerial", "京A12京45", UNKNOWN, UNEXPECTED_CHINESE_CHARACTER),
                no("rejectsEightCharactersOnBluePlate", "京A123456", BLUE, WRONG_LENGTH),
                no("rejectsSixCharactersOnBluePlate", "京A1234", BLUE, WRONG_LENGTH),
                no("rejectsSevenCharactersOnGreenPlate", "京A12345", GREEN, WRONG_LENGTH),
                no("rejectsSymbolInSerial", "京A12#45", BLUE, INVALID_CHARACTER),
                no("rejectsReadNeedingMoreFixesThanAllowed", "京AD1BZDB", GREEN, TOO_MANY_FIXES),
                no("rejectsRunawayDecodeOverLengthLimit", "京A" + "1".repeat(40), UNKNOWN, TOO_LONG),
                // confidences
                low("reportsLowConfidenceCharacter", CHINA, RecognisedText.of("京A12345", .99, .99, .99, .3, .99, .99, .99),
                        BLUE, "京A12345", PlateType.SMALL_CAR, List.of(3)),
                low("reportsFixedCharacterFallingBelowThreshold", CHINA, RecognisedText.uniform("京A1O345", 0.7),
                        BLUE, "京A10345", PlateType.SMALL_CAR, List.of(3), "3:O→0"),
                low("ignoresConfidenceOfStrippedSeparator", CHINA, RecognisedText.of("京A·12345", .9, .9, .1, .9, .9, .9, .9, .9),
                        BLUE, "京A12345", PlateType.SMALL_CAR, List.of()),
                // foreign patterns
                foreign("keepsGermanDistrictSeparator", "B-AB 1234", "B-AB1234", PlatePattern.GERMANY),
                foreign("readsGermanSpaceAsDistrictSeparator", "B AB1234", "B-AB1234", PlatePattern.GERMANY),
                foreign("tellsGermanDistrictBAFromB", "BA-B 123", "BA-B123", PlatePattern.GERMANY),
                foreign("acceptsGermanElectricSuffix", "M-XY 12E", "M-XY12E", PlatePattern.GERMANY),
                foreign("fixesOToZeroInGermanDigits", "B-AB 12O4", "B-AB1204", PlatePattern.GERMANY, "5:O→0"),
                no("rejectsGermanReadWithoutDistrictSeparator", FOREIGN, "MXY1234", UNKNOWN, NO_PATTERN_MATCHES),
                foreign("acceptsFrenchWithHyphens", "AB-123-CD", "AB-123-CD", PlatePattern.FRANCE),
                foreign("placesFrenchSeparatorsWhenReadWithout", "AB123CD", "AB-123-CD", PlatePattern.FRANCE),
                foreign("fixesIToOneInFrenchDigits", "AB-I23-CD", "AB-123-CD", PlatePattern.FRANCE, "2:I→1"),
                no("rejectsFrenchLetterU", FOREIGN, "AB-123-CU", UNKNOWN, NO_PATTERN_MATCHES),
                foreign("acceptsCalifornia", "7 ABC 123", "7ABC123", PlatePattern.US_CALIFORNIA),
                foreign("fixesEightToBInCaliforniaLetters", "7A8C123", "7ABC123", PlatePattern.US_CALIFORNIA, "2:8→B"),
                foreign("keepsEightInCaliforniaLeadingDigit", "8ABC123", "8ABC123", PlatePattern.US_CALIFORNIA),
                no("rejectsCaliforniaWithExtraDigit", FOREIGN, "7ABC1234", UNKNOWN, NO_PATTERN_MATCHES),
                no("rejectsEmptyForeignRead", FOREIGN, " ", UNKNOWN, EMPTY),
                low("reportsLowConfidenceInForeignRead", FOREIGN, RecognisedText.of("7ABC123", .9, .9, .9, .9, .9, .9, .2),
                        UNKNOWN, "7ABC123", PlatePattern.US_CALIFORNIA, List.of(6)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsPlate(Case c) {
        PlateVerdict verdict = c.grammar().read(c.input(), c.colour());
        if (c.text() == null) {
            assertThat(verdict).isInstanceOf(PlateVerdict.Rejected.class);
            assertThat(((PlateVerdict.Rejected) verdict).reason()).as(verdict.toString()).isEqualTo(c.reason());
            return;
        }
        assertThat(verdict).isInstanceOf(PlateVerdict.Accepted.class);
        PlateVerdict.Accepted accepted = (PlateVerdict.Accepted) verdict;
        assertThat(accepted.text()).isEqualTo(c.text());
        assertThat(accepted.format()).isEqualTo(c.format());
        assertThat(accepted.colour()).isEqualTo(c.reportedColour());
        assertThat(accepted.fixes()).map(CharacterFix::toString).containsExactlyElementsOf(c.fixes());
        assertThat(accepted.lowConfidence()).isEqualTo(c.low());
        assertThat(accepted.confidences()).hasSize((int) accepted.text().replace("-", "").codePoints().count());
    }
}
