// Sent with every report (SubmissionInput.client) so support can tell which add-in sent it.
export const CLIENT = { name: "excel-taskpane", version: "0.1.0" } as const;
