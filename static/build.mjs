// Compiles the portal's stylesheet and copies the GOV.UK / MOJ Frontend
// scripts and assets into static/dist, which Django serves (WhiteNoise in production).
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import * as sass from "sass";

const out = "static/dist";
mkdirSync(out, { recursive: true });

const css = sass.compile("static/src/portal.scss", {
  loadPaths: ["."],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
  // MOJ Frontend still calls GOV.UK mixins that GOV.UK Frontend 6 deprecates;
  // those notices are theirs to act on, ours would still be shown.
  logger: {
    warn(message, { stack }) {
      if (!stack || !stack.includes("node_modules/@ministryofjustice")) console.warn(message);
    },
  },
});
writeFileSync(`${out}/portal.css`, css.css);

cpSync("node_modules/govuk-frontend/dist/govuk/assets", `${out}/assets`, { recursive: true });
cpSync("node_modules/@ministryofjustice/frontend/moj/assets", `${out}/assets`, { recursive: true });
cpSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", `${out}/govuk-frontend.min.js`);
cpSync("node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js", `${out}/moj-frontend.min.js`);
console.log(`built ${out}/portal.css (${css.css.length} bytes)`);
