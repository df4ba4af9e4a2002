-- Intake forms (SPEC F-A8, F-B12): a firm's form definitions, their
-- fields in order, a form given to a matter's client through the portal
-- (a request: shared through the shares table as record kind 'form'), and
-- the answers, a draft until the request is submitted.
--
-- A form that any request uses is frozen: its fields can no longer change
-- (lib/form.c refuses; the builder offers a copy instead), so an old
-- submission always reads with the labels, types and options it was
-- answered under.

CREATE TABLE forms (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	name		VARCHAR(200) NOT NULL,
	created_by	BIGINT UNSIGNED NULL,
	created_at	DATETIME(6) NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	KEY forms_firm (firm_id, name),
	CONSTRAINT forms_firm_fk FOREIGN KEY (firm_id) REFERENCES firms (id),
	CONSTRAINT forms_user_fk FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB;

-- kind: text, long text, email, phone, date, number, choice (one of the
-- options), multi (any of them), yes/no, file.  options: one a line.
-- maps_to: the contact or matter field an answer fills on submission
-- (the contact is the matter's client).
CREATE TABLE form_fields (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	form_id		BIGINT UNSIGNED NOT NULL,
	position	INT UNSIGNED NOT NULL,
	kind		ENUM('text','longtext','email','phone','date','number','choice','multi',
			    'yesno','file') NOT NULL,
	label		VARCHAR(200) NOT NULL,
	help		VARCHAR(1000) NOT NULL DEFAULT '',
	required	TINYINT(1) NOT NULL DEFAULT 0,
	options		VARCHAR(4000) NOT NULL DEFAULT '',
	maps_to		ENUM('','contact_name','contact_phone','contact_address',
			    'matter_description') NOT NULL DEFAULT '',
	KEY form_fields_form (firm_id, form_id, position),
	CONSTRAINT form_fields_form_fk FOREIGN KEY (form_id) REFERENCES forms (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- A form given to a matter: the unit the portal shares.  submitted_at is
-- set once, by the one UPDATE that finds it NULL (two submits at once:
-- one wins).
CREATE TABLE form_requests (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	matter_id	BIGINT UNSIGNED NOT NULL,
	form_id		BIGINT UNSIGNED NOT NULL,
	created_by	BIGINT UNSIGNED NULL,
	created_at	DATETIME(6) NOT NULL,
	saved_at	DATETIME(6) NULL,
	submitted_at	DATETIME(6) NULL,
	submitted_by	BIGINT UNSIGNED NULL,
	KEY form_requests_matter (firm_id, matter_id, id),
	KEY form_requests_form (firm_id, form_id),
	CONSTRAINT form_requests_matter_fk FOREIGN KEY (matter_id) REFERENCES matters (id),
	CONSTRAINT form_requests_form_fk FOREIGN KEY (form_id) REFERENCES forms (id),
	CONSTRAINT form_requests_user_fk FOREIGN KEY (created_by) REFERENCES users (id),
	CONSTRAINT form_requests_contact_fk FOREIGN KEY (submitted_by) REFERENCES contacts (id)
) ENGINE=InnoDB;

-- One answer a field (a multiple choice: the chosen options, one a line;
-- a file: the document it became).  old_value and new_value are set when
-- the submission changed the field's mapped contact or matter field: what
-- it held before and after (the audit row "form_mapped" points here).
CREATE TABLE form_answers (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	request_id	BIGINT UNSIGNED NOT NULL,
	field_id	BIGINT UNSIGNED NOT NULL,
	value		TEXT NOT NULL,
	document_id	BIGINT UNSIGNED NULL,
	old_value	TEXT NULL,
	new_value	TEXT NULL,
	UNIQUE KEY form_answers_one (request_id, field_id),
	KEY form_answers_firm (firm_id, request_id),
	CONSTRAINT form_answers_request_fk FOREIGN KEY (request_id) REFERENCES form_requests (id),
	CONSTRAINT form_answers_field_fk FOREIGN KEY (field_id) REFERENCES form_fields (id),
	CONSTRAINT form_answers_document_fk FOREIGN KEY (document_id) REFERENCES documents (id)
	    ON DELETE SET NULL
) ENGINE=InnoDB;
