package io.tickwire.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tickwire.protocol.TickMessage;

/**
 * One symbol a client may subscribe to.
 *
 * @param symbol the instrument
 * @param latest its latest tick, or {@code null} (left out of the JSON) when it has none yet
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SymbolView(String symbol, TickMessage latest) {
}
