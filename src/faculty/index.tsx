// Entry point of the faculty app (dist/faculty/app.js, served at / and /faculty by the data store).
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createFacultyApi } from "./api";
import { createAdminApi } from "./admin/adminApi";
import { App, type FacultyServices } from "./App";

const TOKEN_KEY = "qi.facultyToken";

const services: FacultyServices = {
  createApi: (token) => createFacultyApi({ token }),
  createAdminApi: (token) => createAdminApi({ token }),
  tokens: {
    load: () => sessionStorage.getItem(TOKEN_KEY),
    save: (token) => sessionStorage.setItem(TOKEN_KEY, token),
    forget: () => sessionStorage.removeItem(TOKEN_KEY),
  },
  wantedCollaborative: new URLSearchParams(window.location.search).get("c"),
  hash: window.location.hash,
  subscribeHash: (listener) => {
    const onChange = () => listener(window.location.hash);
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  },
  download: (blob, filename) => {
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },
};

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <App services={services} />
    </FluentProvider>,
  );
}
