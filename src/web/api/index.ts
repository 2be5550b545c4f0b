// The browser doors' shared data-store layer: fetch + parse with core's schemas + ApiFailure.
export { ApiFailure, kindForStatus, type ApiFailureKind } from "./failure";
export { createRequester, type FetchLike, type Method, type Requester, type RequesterOptions, type RequestOptions } from "./request";
