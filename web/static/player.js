// One player for the page: a moment of a take plays from its start to its end. A moment is a link
// a.play to the take's audio with data-start and data-end (seconds into the take): an item's, or a
// transcript line's; a word of a line (.line .w[data-start]) plays from itself to the line's end.
(function () {
  "use strict";
  let stopAt = null;

  document.addEventListener("click", (event) => {
    const word = event.target.closest(".line .w[data-start]");
    const link = word ? word.closest(".line").querySelector("a.play") : event.target.closest("a.play");
    if (!link) return;
    event.preventDefault();
    const bar = document.querySelector(".player");
    const player = document.getElementById("player");
    const src = link.getAttribute("href").split("#")[0];
    const start = parseFloat((word || link).dataset.start);
    stopAt = parseFloat(link.dataset.end) + 0.5;
    bar.hidden = false;
    bar.querySelector(".now").textContent = link.textContent;
    const play = () => { player.currentTime = start; player.play(); };
    if (player.getAttribute("src") === src && player.readyState > 0) play();
    else {
      player.setAttribute("src", src);
      player.addEventListener("loadedmetadata", play, { once: true });
      player.load();
    }
  });

  document.addEventListener("timeupdate", (event) => {
    if (event.target.id === "player" && stopAt !== null && event.target.currentTime >= stopAt) {
      event.target.pause();
      stopAt = null;
    }
  }, true);
})();
