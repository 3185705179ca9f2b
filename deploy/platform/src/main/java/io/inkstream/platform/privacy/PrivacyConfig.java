package io.inkstream.platform.privacy;

import com.mongodb.client.MongoDatabase;
import javax.crypto.SecretKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PrivacyConfig {

    @Bean
    Vault vault(MongoDatabase database, @Value("${inkstream.privacy.key:}") String key,
            @Value("${inkstream.privacy.key-file:}") String keyFile) {
        return new TinkVault(database, MasterKey.resolve(key, keyFile, database));
    }

    @Bean
    CommenterKeys commenterKeys(SecretKey tokenKey) {
        return new CommenterKeys(tokenKey);
    }
}
