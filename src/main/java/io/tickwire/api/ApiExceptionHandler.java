package io.tickwire.api;

import io.tickwire.history.HistoryUnavailableException;
import io.tickwire.market.UnknownSymbolException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error of the HTTP API as {@code application/problem+json}; the superclass covers Spring MVC's own
 * exceptions (bad parameters, wrong method, {@code ResponseStatusException}).
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> historyUnavailable(HistoryUnavailableException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The shared market history does not answer; try again shortly");
        problem.setTitle("History unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    @ExceptionHandler
    ProblemDetail unknownSymbol(UnknownSymbolException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "Symbol '" + ex.symbol() + "' is not carried by this server");
        problem.setTitle("Unknown symbol");
        return problem;
    }
}
