/**
 * Plate grammar: turns the characters a recogniser read into an accepted plate or a reasoned rejection.
 * China follows GA 36-2018 (motor vehicle number plates of the People's Republic of China); other countries use
 * configurable {@link io.xueliang.analytics.plate.grammar.PlatePattern}s.
 */
package io.xueliang.analytics.plate.grammar;
