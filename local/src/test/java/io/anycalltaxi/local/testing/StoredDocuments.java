package io.anycalltaxi.local.testing;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

/** Everything the system stored, every document of every collection, as JSON: for scans for secrets. */
public final class StoredDocuments {

    private StoredDocuments() {
    }

    public static List<String> all() {
        List<String> documents = new ArrayList<>();
        try (MongoClient mongo = MongoClients.create(SharedStack.stack().mongoUri())) {
            MongoDatabase database = mongo.getDatabase("anycalltaxi");
            for (String collection : database.listCollectionNames()) {
                for (Document document : database.getCollection(collection).find()) {
                    documents.add(document.toJson());
                }
            }
        }
        return documents;
    }
}
