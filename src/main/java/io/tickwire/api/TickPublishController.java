package io.tickwire.api;

import io.tickwire.history.TickHistory;
import io.tickwire.market.Quote;
import io.tickwire.market.TickPublisher;
import io.tickwire.protocol.TickMessage;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishing from outside: an external feed posts quotes, which take the same path as the built-in feed's (numbered,
 * stored, fanned out). Only a {@code PUBLISHER} gets here (see the security configuration).
 */
@RestController
class TickPublishController {

    static final int MAX_QUOTES = 1000;

    private final TickHistory history;
    private final TickPublisher publisher;

    TickPublishController(TickHistory history, TickPublisher publisher) {
        this.history = history;
        this.publisher = publisher;
    }

    /**
     * Publishes every quote of the body, in order, or none when any of them is invalid.
     *
     * @return the ticks as published, each with its {@code seq} and {@code ts}
     */
    @PostMapping(path = "/api/ticks", consumes = MediaType.APPLICATION_JSON_VALUE)
    List<TickMessage> publish(@RequestBody List<PublishedQuote> body) {
        if (body.isEmpty() || body.size() > MAX_QUOTES) {
            throw PublishedQuote.invalid("the body must be an array of 1 to " + MAX_QUOTES + " quotes, was " + body.size());
        }
        List<Quote> quotes = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            PublishedQuote quote = body.get(i);
            if (quote == null) {
                throw PublishedQuote.invalid("[" + i + "] must be a quote, was null");
            }
            quotes.add(quote.toQuote("[" + i + "]", history::contains));
        }
        return quotes.stream().map(publisher::publish).map(TickMessage::of).toList();
    }
}
