// The SPARQL query page: YASGUI against this server's /sparql, with the named queries as examples.
(function () {
  "use strict";
  // Read the wanted example before YASGUI rewrites the URL (it clears the hash).
  const wanted = decodeURIComponent(window.location.hash.slice(1));
  const examples = JSON.parse(document.getElementById("example-data").textContent);
  const endpoint = new URL("/sparql", window.location.href).href;
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    persistenceId: "anugerah-yasgui",
  });
  function open(example) {
    const tab = yasgui.addTab(true, { name: example.name, requestConfig: { endpoint: endpoint } });
    tab.setQuery(example.query);
    return tab;
  }
  const select = document.getElementById("examples");
  select.addEventListener("change", function () {
    const example = examples[Number(select.value)];
    if (select.value !== "" && example) {
      open(example);
    }
  });
  const fromHash = examples.find((e) => e.name === wanted);
  if (fromHash) {
    open(fromHash).query();
  }
  window.anugerahYasgui = yasgui;
})();
