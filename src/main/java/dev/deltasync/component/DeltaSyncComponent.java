package dev.deltasync.component;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code deltasync:} component: {@code deltasync:server?dir=...} runs a sync server and
 * {@code deltasync:client?dir=...&host=...} a live client inside the application's Camel; each emits one exchange
 * per change a sync applies to its folder (see {@link DeltaSyncConstants}).
 */
@org.apache.camel.spi.annotations.Component("deltasync")
public class DeltaSyncComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        DeltaSyncEndpoint endpoint = new DeltaSyncEndpoint(uri, this);
        endpoint.setRole(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
