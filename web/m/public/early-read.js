// The first screen's data, read from IndexedDB while the app's JavaScript is still loading: an async classic
// script, so it runs as soon as it arrives (from the service worker's cache, well before the app's big module) and
// blocks nothing on a first load over the network; the database works on its own thread meanwhile. data/boot.ts
// takes the result, or reads through Dexie itself when this found nothing or has not run yet. Plain script: no
// bundling, no imports. It never creates or upgrades the database: a first start or an older schema answers null.
(function () {
  'use strict';
  /** @type {Promise<null | { meta: { key: string; value: unknown }[]; rows: unknown[] }>} */
  var read = new Promise(function (resolve) {
    var request;
    try {
      request = indexedDB.open('dxz-cadre');
    } catch (error) {
      return resolve(null);
    }
    request.onupgradeneeded = function () {
      request.transaction.abort(); // no database yet: leave its creation to Dexie
    };
    request.onerror = function () {
      resolve(null);
    };
    request.onsuccess = function () {
      var db = request.result;
      if (!db.objectStoreNames.contains('rows') || !db.objectStoreNames.contains('meta')) {
        db.close();
        return resolve(null);
      }
      var tx = db.transaction(['meta', 'rows'], 'readonly');
      var result = { meta: [], rows: [] };
      tx.objectStore('meta').getAll().onsuccess = function (event) {
        result.meta = event.target.result;
      };
      tx.objectStore('rows').getAll().onsuccess = function (event) {
        result.rows = event.target.result;
      };
      tx.oncomplete = function () {
        db.close();
        resolve(result);
      };
      tx.onerror = tx.onabort = function () {
        db.close();
        resolve(null);
      };
    };
  });
  self.__dxzEarlyRead = read;
})();
