/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TOKEN, STORE, me } from "../support/fixtures";
import { renderApp } from "../support/renderApp";
import { fakeHost, bundleSheetWithErrors } from "../support/workbooks";
import { loadToken, saveCachedMe, saveToken } from "../../../src/taskpane/storage/connection";
import { memoryStore } from "../../../src/taskpane/storage/keyValueStore";

async function connectWith(token: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText(/Team token/), token);
  await user.click(screen.getByRole("button", { name: "Connect" }));
  return user;
}

describe("Connect", () => {
  it("checks the token, shows the team and collaborative, keeps the token in add-in storage and the ids in the workbook", async () => {
    const { host, workbook } = fakeHost({ Bundle: bundleSheetWithErrors() });
    const { storage } = await renderApp({ host });
    expect(await screen.findByLabelText(/Data store address/)).toHaveValue(STORE);
    await connectWith(TOKEN);
    expect(await screen.findByText("Riverside Clinic")).toBeInTheDocument();
    expect(screen.getByText("Reducing CLABSI 2026")).toBeInTheDocument();
    expect(await loadToken(storage, STORE)).toBe(TOKEN);
    expect(workbook.settings).toEqual({ storeUrl: STORE, collaborativeId: "clabsi-2026", teamId: "riverside" });
    expect(JSON.stringify(workbook.settings)).not.toContain(TOKEN);
    expect(screen.getByRole("tab", { name: "Validate" })).not.toBeDisabled();
  });

  it("says plainly when the token is refused, on the token field", async () => {
    await renderApp({ host: fakeHost({}).host });
    await connectWith("not-the-token");
    expect(await screen.findByText("Your token was not accepted: paste a new one from your faculty")).toBeInTheDocument();
    expect(screen.getByLabelText(/Team token/)).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("tab", { name: "Validate" })).toBeDisabled();
  });

  it("says when the store cannot be reached, on the address field", async () => {
    const { store } = await renderApp();
    store.fetch = async () => Promise.reject(new TypeError("Failed to fetch"));
    await connectWith(TOKEN);
    expect(await screen.findByText(`Could not reach ${STORE}. Check the address and your connection.`)).toBeInTheDocument();
  });

  it("asks for a token before calling the store", async () => {
    const { store } = await renderApp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Connect" }));
    expect(screen.getByText("Paste the team token your faculty gave you")).toBeInTheDocument();
    expect(store.calls).toHaveLength(0);
  });

  it("reconnects on its own with a saved token, and Disconnect forgets it", async () => {
    const storage = memoryStore();
    await saveToken(storage, STORE, TOKEN);
    await renderApp({ storage, host: fakeHost({}).host });
    expect(await screen.findByRole("tab", { name: "Validate", selected: true })).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole("tab", { name: "Connect" }));
    await user.click(screen.getByRole("button", { name: "Disconnect" }));
    expect(await screen.findByLabelText(/Team token/)).toBeInTheDocument();
    await waitFor(async () => expect(await loadToken(storage, STORE)).toBeNull());
  });

  it("works offline from the cached profile when the store cannot be reached at start", async () => {
    const storage = memoryStore();
    await saveToken(storage, STORE, TOKEN);
    await saveCachedMe(storage, STORE, me);
    const { store } = await renderApp({ storage, host: fakeHost({}).host, fetch: async () => Promise.reject(new TypeError("offline")) });
    expect(await screen.findByRole("tab", { name: "Validate", selected: true })).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("tab", { name: "Connect" }));
    expect(screen.getByText("Working offline")).toBeInTheDocument();
    expect(screen.getByText("Riverside Clinic")).toBeInTheDocument();
    expect(store.calls).toHaveLength(0);
  });

  it("shows the banner and disables workbook actions outside Excel", async () => {
    await renderApp({ host: null });
    expect(await screen.findByText("Open this add-in in Excel to read your sheets")).toBeInTheDocument();
    await connectWith(TOKEN);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("tab", { name: "Validate" }));
    expect(screen.getByRole("button", { name: /Validate sheets/ })).toBeDisabled();
  });
});
