package io.tickwire.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RedisServerTests {

    private RedisServer redis;

    @AfterEach
    void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void startedServerAnswersCommands() {
        redis = RedisServer.start();
        assertThat(redis.command("PING")).isEqualTo("+PONG");
        assertThat(redis.command("SET", "k", "v")).isEqualTo("+OK");
    }

    @Test
    void stoppedServerRefusesConnections() {
        redis = RedisServer.start();
        redis.stop();
        assertThat(redis.isRunning()).isFalse();
        assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> redis.command("PING"));
    }

    @Test
    void pausedServerAnswersNothingUntilResumedWithItsData() {
        redis = RedisServer.start();
        redis.command("SET", "k", "v");
        redis.pause();
        assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> redis.command("PING"));
        redis.resume();
        assertThat(redis.command("GET", "k")).isEqualTo("v");
    }

    @Test
    void restartKeepsThePortAndLosesTheData() {
        redis = RedisServer.start();
        int port = redis.port();
        redis.command("SET", "k", "v");
        redis.restart();
        assertThat(redis.port()).isEqualTo(port);
        assertThat(redis.command("EXISTS", "k")).isEqualTo(":0");
    }

    @Test
    void missingRedisFailsInsteadOfSkipping() {
        assertThatIllegalStateException().isThrownBy(() -> RedisServer.start("/nonexistent/redis-server"))
                .withMessageContaining("cannot start");
    }

    @Test
    void serverThatExitsAtOnceFailsWithItsLog() {
        assertThatIllegalStateException().isThrownBy(() -> RedisServer.start("/bin/false"))
                .withMessageContaining("did not answer PING");
    }
}
