-- A coverage entered by mistake may be deleted while no claim uses it (the route checks; the claim's
-- foreign key is the backstop). Ending a coverage is an update of its end date, as before.
GRANT DELETE ON coverage TO medbill_app;
