package dev.deltasync.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A failed authentication tells the client what to change: give a secret, fix it, or drop it. */
class AuthFailureWordingTest {

    private static String refusal(String clientSecret, String serverSecret) {
        ClientHandshake client = new ClientHandshake(new Authenticator(clientSecret), "laptop");
        ServerHandshake server = new ServerHandshake(new Authenticator(serverSecret), "srv", dev.deltasync.sync.Mode.of(0), WireLimits.MIN_MAX_FRAME);
        Message answer = client.onChallenge((Challenge) server.onHello(client.hello()));
        assertThat(answer).isInstanceOf(Refused.class);
        return ((Refused) answer).reason();
    }

    @Test
    void noSecretGiven() {
        assertThat(refusal("", "s3cret")).isEqualTo("authentication failed: the server requires a secret and this"
                + " client has none (give --secret or --secret-file)");
    }

    @Test
    void wrongSecret() {
        assertThat(refusal("other", "s3cret")).startsWith("authentication failed: wrong secret");
    }

    @Test
    void serverWithoutSecret() {
        assertThat(refusal("s3cret", "")).isEqualTo(
                "authentication failed: this client has a secret but the server was started without one");
    }
}
