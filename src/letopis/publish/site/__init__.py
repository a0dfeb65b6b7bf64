"""The static public site: pages (:mod:`.pages`), the folder's writer (:mod:`.build`), the read-back (:mod:`.check`)."""
