// The store contract on SQLite (in memory).
import { describeStoreContract } from "./storeContract";
import { sqliteHandle } from "./helpers";

describeStoreContract("sqlite", sqliteHandle);
