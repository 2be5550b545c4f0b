// The store contract on PostgreSQL at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
// each test in a fresh schema. No skip: when PostgreSQL is down these tests fail (CI guarantees it is up).
import { describeStoreContract } from "./storeContract";
import { postgresHandle } from "./helpers";

describeStoreContract("postgres", postgresHandle);
