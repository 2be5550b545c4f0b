// Sign-in: the faculty or admin token, kept in this browser tab only (sessionStorage).
import { useState, type FormEvent } from "react";
import { Body1, Button, Field, Input, makeStyles, Subtitle1, tokens } from "@fluentui/react-components";
import { usePageStyles } from "../styles";

const useStyles = makeStyles({
  card: { maxWidth: "560px", margin: "40px auto" },
  block: { display: "block", marginBottom: tokens.spacingVerticalM },
  open: { marginTop: tokens.spacingVerticalM },
});

export function SignIn({ error, busy, onSignIn }: { error: string; busy: boolean; onSignIn: (token: string) => void }) {
  const classes = usePageStyles();
  const own = useStyles();
  const [token, setToken] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = token.trim();
    if (trimmed === "") return;
    setToken("");
    onSignIn(trimmed);
  };
  return (
    <section className={`${classes.card} ${own.card}`} aria-labelledby="sign-in-title">
      <Subtitle1 as="h2" id="sign-in-title" className={own.block}>
        Sign in with your faculty token
      </Subtitle1>
      <Body1 as="p" className={own.block}>
        Paste the faculty (or admin) token the collaborative&apos;s admin gave you. It is kept in this browser tab only and forgotten when you close it.
      </Body1>
      <form onSubmit={submit}>
        <Field label="Faculty token" required validationState={error ? "error" : "none"} validationMessage={error || null}>
          <Input type="password" value={token} onChange={(_, data) => setToken(data.value)} autoComplete="off" spellCheck={false} placeholder="qi_…" autoFocus />
        </Field>
        <Button appearance="primary" type="submit" disabled={busy} className={own.open}>
          Open
        </Button>
      </form>
    </section>
  );
}
