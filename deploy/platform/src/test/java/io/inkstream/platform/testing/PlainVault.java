package io.inkstream.platform.testing;

import io.inkstream.platform.privacy.Vault;
import java.util.HashSet;
import java.util.Set;

/**
 * A vault for tests of what seals and opens, not of the crypto: a sealed value shows its text
 * (so expected events can be written down), and a destroyed owner's values open as erased.
 */
public class PlainVault implements Vault {

    private final Set<String> destroyed = new HashSet<>();

    @Override
    public String seal(String owner, String text) {
        return text == null ? null : PREFIX + owner + "/1/" + text;
    }

    @Override
    public String open(String value) {
        if (!Vault.sealed(value)) {
            return value;
        }
        String[] parts = value.split("/", 4);
        return destroyed.contains(parts[1]) ? ERASED : parts[3];
    }

    @Override
    public void destroy(String owner) {
        destroyed.add(owner);
    }

    @Override
    public void forget(String owner) {
    }
}
