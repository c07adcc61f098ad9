export interface ConsolePageOptions {
  panelUrl: string;
  gatewayUrl: string;
  apiVersion: string;
}

const STYLE = `
*{box-sizing:border-box}
html,body{margin:0;height:100%;font:14px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#181818;background:#f3f3f3}
a{color:#0b5cab}
a:focus-visible,button:focus-visible,input:focus-visible{outline:2px solid #0b5cab;outline-offset:2px}
.top{display:flex;align-items:center;gap:1rem;height:3rem;padding:0 1rem;background:#fff;border-bottom:1px solid #d8dde6}
.logo{font-weight:700;color:#032d60;white-space:nowrap}
.logo small{font-weight:400;color:#444}
.top form{flex:1;max-width:32rem;margin:0 auto}
.top input{width:100%;height:2rem;padding:0 .75rem;border:1px solid #8a94a1;border-radius:1rem}
.nav{display:flex;gap:.25rem;padding:0 1rem;background:#fff;border-bottom:3px solid #0176d3}
.nav a{padding:.5rem .75rem;text-decoration:none;color:#181818;font-weight:600}
.nav a[aria-current=page]{border-bottom:3px solid #032d60;margin-bottom:-3px}
.tabs{display:flex;align-items:flex-end;gap:.125rem;height:2rem;padding:0 1rem;background:#f3f3f3;border-bottom:1px solid #d8dde6;overflow-x:auto}
.tab{display:flex;align-items:center;gap:.35rem;height:1.75rem;max-width:16rem;padding:0 .6rem;border:1px solid #d8dde6;border-bottom:0;border-radius:.25rem .25rem 0 0;background:#fafaf9;font-size:.8125rem;cursor:pointer;white-space:nowrap}
.tab[aria-selected=true]{background:#fff;border-top:3px solid #0176d3;font-weight:600}
.tab-label{overflow:hidden;text-overflow:ellipsis}
.tab-close{border:0;background:transparent;font:inherit;font-size:1rem;line-height:1;color:#444;cursor:pointer;padding:0 .1rem}
.workspace{position:relative;height:calc(100% - 7.25rem - 2.5rem)}
main{padding:1rem 1rem 5rem;overflow:auto;height:100%}
main[hidden]{display:none}
.url-tab{position:absolute;inset:0;background:#fff}
.url-tab[hidden]{display:none}
.url-tab iframe{width:100%;height:100%;border:0;display:block}
.card{background:#fff;border:1px solid #d8dde6;border-radius:.25rem;padding:1rem;margin-bottom:1rem}
.card h1{margin:0;font-size:1.25rem}
.card h2{margin:0 0 .5rem;font-size:1rem}
.kicker{color:#444;font-size:.75rem;text-transform:uppercase;letter-spacing:.05em}
.fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.5rem 1.5rem;margin:0}
.fields div{border-bottom:1px solid #e5e5e5;padding:.25rem 0}
.fields dt{font-size:.75rem;color:#444}
.fields dd{margin:0;min-height:1.2em;word-break:break-word}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e5e5e5;font-size:.8125rem}
th{color:#444;font-weight:600}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:1rem}
.muted{color:#444}
.error{color:#a61a14;font-weight:600}
form.record label{display:block;font-size:.75rem;color:#444;margin-top:.5rem}
form.record select{height:2rem;min-width:16rem;border:1px solid #8a94a1;border-radius:.25rem}
form.record fieldset{border:1px solid #d8dde6;border-radius:.25rem;margin:.75rem 0;padding:.5rem 1rem}
form.record input{width:100%;height:2rem;padding:0 .5rem;border:1px solid #8a94a1;border-radius:.25rem}
.btn{height:2rem;padding:0 1rem;border:1px solid #0176d3;border-radius:.25rem;background:#0176d3;color:#fff;font:inherit;font-weight:600;cursor:pointer}
.btn.neutral{background:#fff;color:#0b5cab}
.modal-actions{display:flex;gap:.5rem;margin-top:1rem}
.utility{position:fixed;left:0;right:0;bottom:0;height:2.5rem;display:flex;align-items:center;gap:.75rem;padding:0 .5rem;background:#fff;border-top:1px solid #d8dde6;z-index:10}
.utility button{display:flex;align-items:center;gap:.4rem;height:2rem;padding:0 .75rem;border:0;border-radius:.25rem;background:transparent;font:inherit;font-weight:600;color:#181818;cursor:pointer}
.utility button[aria-expanded=true]{background:#e5f1fb;color:#032d60}
.utility .status{font-size:.75rem;color:#444}
.softphone{position:fixed;left:.5rem;bottom:2.75rem;z-index:11;display:flex;flex-direction:column;background:#fff;border:1px solid #8a94a1;border-radius:.25rem .25rem 0 0;box-shadow:0 4px 16px rgba(0,0,0,.25)}
.softphone[hidden]{display:none}
.softphone header{display:flex;align-items:center;justify-content:space-between;height:2rem;padding:0 .5rem;background:#032d60;color:#fff;font-weight:600;font-size:.8125rem}
.softphone header button{border:0;background:transparent;color:#fff;font:inherit;cursor:pointer}
.softphone iframe{flex:1;width:100%;border:0}
`;

/**
 * A Lightning-like page: a global search, record pages, a search page, a
 * new-record form and a utility bar whose Phone item hosts the agent panel
 * in an iframe, as Salesforce hosts an Open CTI softphone.
 */
export function consolePage(options: ConsolePageOptions): string {
  // "<" escaped so that no value can close the script element.
  const config = JSON.stringify(options).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Puente console · Salesforce emulator</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}</style>
</head>
<body>
<header class="top">
  <span class="logo">Puente <small>Service Console (emulator)</small></span>
  <form id="search-form" role="search"><input id="search-input" type="search" name="q" placeholder="Search Salesforce" aria-label="Search Salesforce" autocomplete="off"></form>
</header>
<nav class="nav" aria-label="Objects">
  <a href="#/" data-nav="home">Home</a>
  <a href="#/list/Contact" data-nav="Contact">Contacts</a>
  <a href="#/list/Account" data-nav="Account">Accounts</a>
  <a href="#/list/Lead" data-nav="Lead">Leads</a>
  <a href="#/list/Opportunity" data-nav="Opportunity">Opportunities</a>
  <a href="#/setup" data-nav="setup">Setup</a>
</nav>
<div class="tabs" role="tablist" id="console-tabs" aria-label="Console tabs">
  <span class="tab" role="tab" id="console-tab-main" tabindex="0" aria-selected="true" aria-controls="view" data-testid="console-tab-main"><span class="tab-label">Records</span></span>
</div>
<div class="workspace" id="workspace">
<main id="view" tabindex="-1" aria-live="polite"></main>
</div>
<section class="softphone" id="softphone" aria-label="Phone" data-testid="softphone">
  <header><span>Phone</span><button type="button" id="softphone-minimise" aria-label="Minimise the phone">&#8211;</button></header>
  <iframe id="softphone-frame" title="Puente softphone" allow="clipboard-write; microphone" data-testid="softphone-frame"></iframe>
</section>
<footer class="utility" aria-label="Utility bar">
  <button type="button" id="utility-phone" aria-expanded="true" aria-controls="softphone" data-testid="utility-phone"><span id="utility-icon" data-icon="phone_portrait" aria-hidden="true" data-testid="utility-icon">&#9742;</span> <span id="utility-label" data-testid="utility-label">Phone</span></button>
  <span class="status" id="utility-status" data-testid="utility-status"></span>
</footer>
<script id="console-config" type="application/json">${config}</script>
<script src="/lightning/console/console.js"></script>
</body>
</html>`;
}
