// The benchmarks' one idea of "the first useful row": a data row, a filled definition list, the
// approval's question, or a person to review. Run in each document (addInitScript), it notes in
// window.__firstRow the ms since navigation started when one first appears.
export const WATCH = () => {
  const useful = () => [...document.querySelectorAll("tbody tr:not(.pim-table__spacer)")].some((tr) => tr.cells.length >= 2)
    || [...document.querySelectorAll("dl dd")].some((dd) => dd.textContent.trim() !== "")
    || [...document.querySelectorAll("h2")].some((h) => / asks for /.test(h.textContent))
    || document.querySelector("fieldset input[type=radio]") !== null;
  new MutationObserver((_, o) => {
    if (useful()) { window.__firstRow = performance.now(); o.disconnect(); }
  }).observe(document, { subtree: true, childList: true, characterData: true });
};
