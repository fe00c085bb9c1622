// Frames over 50 ms while the page's windowed table (`.pim-table-scroll--windowed`) is scrolled
// to the bottom a screen at a time and back four at a time: what scrolling 10,000 rows feels like.

/** `{ long, frames, worst }` for the page's windowed table; `long` is -1 when it has none. */
export async function scrollFrames(page) {
  return page.evaluate(async () => {
    const region = document.querySelector(".pim-table-scroll--windowed");
    if (!region) return { long: -1, frames: 0, worst: 0 };
    const frames = [];
    let last = performance.now();
    let on = true;
    const tick = (t) => { frames.push(t - last); last = t; if (on) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const step = region.clientHeight;
    for (let y = 0; y < region.scrollHeight; y += step) { region.scrollTop = y; await new Promise(requestAnimationFrame); }
    for (let y = region.scrollHeight; y > 0; y -= step * 4) { region.scrollTop = y; await new Promise(requestAnimationFrame); }
    on = false;
    return { long: frames.filter((f) => f > 50).length, frames: frames.length, worst: Math.round(Math.max(...frames)) };
  });
}
