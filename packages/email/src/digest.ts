import { createElement } from "react";
import { digestSubject, type TDigestModel } from "./digest-model";
import { digestText } from "./templates/digest-text";

// Weekly digest rendering (docs/decisions/0012). The HTML comes from the react-email template
// rendered with React's synchronous static renderer: @react-email/render does the same through a
// stream and a Suspense boundary (which this template does not need) at ~2.4–3 ms per digest,
// where this takes ~0.45 ms for HTML and text together (production React build, measured on the
// shared 2-core box; the development build is ~2× slower, see digest.test.ts), with the same doctype. The text part is a template function over the same model (digest-text.ts says why).
// React's server renderer is loaded on first use, like outbox.ts's templates: processes that only
// import @crm/email to deliver never pay its memory.

export type { TDigestModel, TDigestInvitations, TDigestInvitationAccount, TDigestPerson, TDigestImport, TDigestIcpFit, TDigestRemovals, TDigestFollowUp, TDigestMember } from "./digest-model";
export { digestSubject } from "./digest-model";
export { digestText } from "./templates/digest-text";

const DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

let htmlRenderer: Promise<(m: TDigestModel) => string> | undefined;

function loadHtmlRenderer(): Promise<(m: TDigestModel) => string> {
  htmlRenderer ??= Promise.all([import("react-dom/server"), import("./templates/digest")]).then(
    ([server, t]) =>
      (m: TDigestModel) =>
        DOCTYPE + server.renderToStaticMarkup(createElement(t.DigestEmail, { m })),
  );
  return htmlRenderer;
}

export async function renderDigestHtml(model: TDigestModel): Promise<string> {
  return (await loadHtmlRenderer())(model);
}

export async function renderDigestEmail(model: TDigestModel): Promise<{ subject: string; html: string; text: string }> {
  const render = await loadHtmlRenderer();
  return { subject: digestSubject(model), html: render(model), text: digestText(model) };
}
