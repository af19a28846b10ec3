BEGIN TRANSACTION;
CREATE TABLE card_vectors (
	card_id INTEGER NOT NULL, 
	model VARCHAR(32) NOT NULL, 
	text_key VARCHAR(16) NOT NULL, 
	vector BLOB NOT NULL, 
	PRIMARY KEY (card_id, model)
);
CREATE TABLE "cards" (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	participant_id INTEGER, 
	by_facilitator BOOLEAN NOT NULL, 
	text TEXT NOT NULL, 
	created_at FLOAT NOT NULL, 
	updated_at FLOAT NOT NULL, 
	hidden BOOLEAN NOT NULL, 
	merged_into INTEGER, category TEXT NOT NULL DEFAULT '', group_id INTEGER, is_group BOOLEAN NOT NULL DEFAULT FALSE, status VARCHAR(16) NOT NULL DEFAULT 'shown', flagged BOOLEAN NOT NULL DEFAULT FALSE, request_id VARCHAR(64), 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id), 
	FOREIGN KEY(stage_id) REFERENCES stages (id), 
	FOREIGN KEY(participant_id) REFERENCES participants (id)
);
INSERT INTO "cards" VALUES(1,1,1,NULL,1,'Плохие дороги между деревнями, весной не проехать',1570870800.0,1570870800.0,0,NULL,'',NULL,0,'shown',0,NULL);
INSERT INTO "cards" VALUES(2,1,1,2,0,'Молодёжь уезжает в Архангельск и не возвращается',1570870860.0,1570870860.0,0,NULL,'',NULL,0,'shown',0,NULL);
INSERT INTO "cards" VALUES(3,1,1,1,0,'Нет работы для молодых специалистов',1570870920.0,1570870920.0,0,NULL,'',NULL,0,'shown',0,NULL);
INSERT INTO "cards" VALUES(4,1,2,NULL,1,'Каргопольская игрушка и живые ремёсла',1570872600.0,1570872600.0,0,NULL,'',NULL,0,'shown',0,NULL);
INSERT INTO "cards" VALUES(5,1,2,5,0,'Деревянное зодчество: церкви и часовни XVII–XVIII веков',1570872660.0,1570872660.0,0,NULL,'',NULL,0,'shown',0,NULL);
INSERT INTO "cards" VALUES(6,1,2,4,0,'Кенозерский национальный парк рядом',1570872720.0,1570872720.0,0,NULL,'',NULL,0,'shown',0,NULL);
INSERT INTO "cards" VALUES(7,1,3,4,0,'Район, куда возвращаются молодые семьи',1570874400.0,1570874400.0,0,NULL,'',NULL,0,'shown',0,NULL);
INSERT INTO "cards" VALUES(8,1,3,3,0,'Круглогодичный туризм с ночёвками в деревнях',1570874460.0,1570874460.0,0,NULL,'',NULL,0,'shown',0,NULL);
INSERT INTO "cards" VALUES(9,1,3,NULL,1,'Отремонтированные дороги и регулярный автобус',1570874520.0,1570874520.0,0,NULL,'',NULL,0,'shown',0,NULL);
INSERT INTO "cards" VALUES(10,1,4,2,0,'Туристический маршрут «Деревянное зодчество» с ночёвкой в гостевых домах',1570876200.0,1570876200.0,0,NULL,'',NULL,0,'shown',0,NULL);
INSERT INTO "cards" VALUES(11,1,4,NULL,1,'Школа ремёсел для подростков на базе Дома ремёсел',1570876260.0,1570876260.0,0,NULL,'',NULL,0,'shown',0,NULL);
INSERT INTO "cards" VALUES(12,1,4,NULL,1,'Ярмарка местных продуктов по субботам на площади',1570876320.0,1570876320.0,0,NULL,'',NULL,0,'shown',0,NULL);
CREATE TABLE comparisons (
	id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	left_id INTEGER NOT NULL, 
	right_id INTEGER NOT NULL, 
	winner_id INTEGER, 
	request_id VARCHAR(64), 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(stage_id) REFERENCES stages (id), 
	FOREIGN KEY(participant_id) REFERENCES participants (id), 
	FOREIGN KEY(left_id) REFERENCES "cards" (id), 
	FOREIGN KEY(right_id) REFERENCES "cards" (id), 
	FOREIGN KEY(winner_id) REFERENCES "cards" (id)
);
CREATE TABLE consultations (
	id INTEGER NOT NULL, 
	draft_id INTEGER NOT NULL, 
	date VARCHAR(10) NOT NULL, 
	who TEXT NOT NULL, 
	notes TEXT NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(draft_id) REFERENCES drafts (id)
);
CREATE TABLE draft_comments (
	id INTEGER NOT NULL, 
	draft_id INTEGER NOT NULL, 
	field VARCHAR(64) NOT NULL, 
	author TEXT NOT NULL, 
	text TEXT NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(draft_id) REFERENCES drafts (id)
);
CREATE TABLE draft_status_log (
	id INTEGER NOT NULL, 
	draft_id INTEGER NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	at FLOAT NOT NULL, 
	note TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(draft_id) REFERENCES drafts (id)
);
INSERT INTO "draft_status_log" VALUES(1,1,'draft',1.79651584589800286293e+09,'');
INSERT INTO "draft_status_log" VALUES(2,2,'draft',1.79651584598482894896e+09,'');
CREATE TABLE drafts (
	id INTEGER NOT NULL, 
	session_id INTEGER, 
	card_id INTEGER, 
	title TEXT NOT NULL, 
	territory TEXT NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	fields TEXT NOT NULL, 
	created_at FLOAT NOT NULL, 
	updated_at FLOAT NOT NULL, field_versions TEXT NOT NULL DEFAULT '{}', 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id), 
	FOREIGN KEY(card_id) REFERENCES "cards" (id)
);
INSERT INTO "drafts" VALUES(1,1,11,'Школа ремёсел для подростков на базе Дома ремёсел','Каргопольский округ','draft','{"title": "Школа ремёсел для подростков на базе Дома ремёсел", "territory": "Каргопольский округ", "grant_direction": "", "summary": "", "timeline": "", "problem": "", "relevance": "Идею поддержали участники сессии «Стратегическая сессия: будущее Каргопольского округа» (2019-10-12): 12 голосов.", "causes": "", "consequences": "", "target_groups": [], "goal": "", "tasks": [], "activities": [], "team": [{"person": "Анна Петрова (Районная библиотека)", "role": "руководитель проекта"}, {"person": "Игорь Смирнов (ТОС «Ошевенский»)", "role": "член команды"}, {"person": "Мария Кузнецова (АНО «Северный край»)", "role": "член команды"}, {"person": "Сергей Попов (Крестьянское хозяйство)", "role": "член команды"}, {"person": "Елена Васильева (Администрация округа)", "role": "член команды"}], "partners": [], "quantitative_results": [], "qualitative_results": "", "media": "", "sustainability": "", "budget": [], "cofinancing": ""}',1.79651584589800286293e+09,1.79651584589800286293e+09,'{}');
INSERT INTO "drafts" VALUES(2,1,12,'Ярмарка местных продуктов по субботам на площади','Каргопольский округ','draft','{"title": "Ярмарка местных продуктов по субботам на площади", "territory": "Каргопольский округ", "grant_direction": "", "summary": "", "timeline": "", "problem": "", "relevance": "Идею поддержали участники сессии «Стратегическая сессия: будущее Каргопольского округа» (2019-10-12): 10 голосов.", "causes": "", "consequences": "", "target_groups": [], "goal": "", "tasks": [], "activities": [], "team": [{"person": "Ольга Новикова", "role": "руководитель проекта"}, {"person": "Николай Морозов (ТОС «Ошевенский»)", "role": "член команды"}, {"person": "Татьяна Волкова (Музей-заповедник)", "role": "член команды"}, {"person": "Дмитрий Соколов (Гостевой дом «Онега»)", "role": "член команды"}, {"person": "Наталья Лебедева", "role": "член команды"}], "partners": [], "quantitative_results": [], "qualitative_results": "", "media": "", "sustainability": "", "budget": [], "cofinancing": ""}',1.79651584598482894896e+09,1.79651584598482894896e+09,'{}');
CREATE TABLE limits (
	"key" VARCHAR(200) NOT NULL, 
	tokens FLOAT NOT NULL, 
	updated_at FLOAT NOT NULL, 
	PRIMARY KEY ("key")
);
CREATE TABLE meta (
	"key" VARCHAR(64) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO "meta" VALUES('schema_version','13');
CREATE TABLE participants (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	token VARCHAR(64) NOT NULL, 
	name TEXT NOT NULL, 
	territory TEXT NOT NULL, 
	organisation TEXT NOT NULL, 
	sector VARCHAR(32) NOT NULL, 
	created_at FLOAT NOT NULL, on_paper BOOLEAN NOT NULL DEFAULT FALSE, 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id), 
	UNIQUE (token)
);
INSERT INTO "participants" VALUES(1,1,'TYnHYIcdCojjZsV0goxj7bENUFRn3tnq','Анна Петрова','Каргополь','Районная библиотека','authority',1.79651584003917288781e+09,0);
INSERT INTO "participants" VALUES(2,1,'6qpG7yzu5tXEtqfxwFMv6qMYCmjem8cV','Игорь Смирнов','Ошевенск','ТОС «Ошевенский»','tos',1796515840.04014,0);
INSERT INTO "participants" VALUES(3,1,'U7HTNdf4HqpWZzbJvDshH8MxQsb8idln','Мария Кузнецова','Каргополь','АНО «Северный край»','ngo',1.79651584004045081132e+09,0);
INSERT INTO "participants" VALUES(4,1,'Ue4Lnrc6ihMjftBHg1P8q20aAIeA6Fqn','Сергей Попов','Печникова','Крестьянское хозяйство','business',1.79651584004072904579e+09,0);
INSERT INTO "participants" VALUES(5,1,'0nCQ0lEJGJ5Sw5FZ9e6vi5EmJ7SfFin6','Елена Васильева','Каргополь','Администрация округа','authority',1.79651584005803680423e+09,0);
INSERT INTO "participants" VALUES(6,1,'b9a3X0pPo_zNmfj-qtBNcwCDk1IgWb7k','Ольга Новикова','Лядины','','citizen',1.79651584005840873718e+09,0);
INSERT INTO "participants" VALUES(7,1,'CGMvHaRN3nxkLjHxq-5Z6U3c00LiqYq3','Николай Морозов','Ошевенск','ТОС «Ошевенский»','tos',1.79651584005873012541e+09,0);
INSERT INTO "participants" VALUES(8,1,'L4pfrL03qon3zK_ufpEzJ6LWuBdQGlfF','Татьяна Волкова','Каргополь','Музей-заповедник','authority',1.79651584005913186065e+09,0);
INSERT INTO "participants" VALUES(9,1,'G4tsWIvzte_yCxtQaQb-xTL1fExpxXGS','Дмитрий Соколов','Каргополь','Гостевой дом «Онега»','business',1.79651584005945038798e+09,0);
INSERT INTO "participants" VALUES(10,1,'qQv2enlHmWXkz-ix6D2mHY_Z6txb5LDv','Наталья Лебедева','Архангело','','citizen',1.79651584005972242354e+09,0);
CREATE TABLE public_pages (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	token VARCHAR(64) NOT NULL, 
	enabled BOOLEAN NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (session_id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id), 
	UNIQUE (token)
);
CREATE TABLE rankings (
	id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	card_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(stage_id) REFERENCES stages (id), 
	FOREIGN KEY(participant_id) REFERENCES participants (id), 
	FOREIGN KEY(card_id) REFERENCES "cards" (id)
);
CREATE TABLE ratings (
	id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	card_id INTEGER NOT NULL, 
	impact INTEGER NOT NULL, 
	feasibility INTEGER NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(stage_id) REFERENCES stages (id), 
	FOREIGN KEY(participant_id) REFERENCES participants (id), 
	FOREIGN KEY(card_id) REFERENCES "cards" (id)
);
CREATE TABLE registrations (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	territory TEXT NOT NULL, 
	organisation TEXT NOT NULL, 
	sector VARCHAR(32) NOT NULL, 
	email TEXT NOT NULL, 
	phone TEXT NOT NULL, 
	consent_text TEXT NOT NULL, 
	consent_at FLOAT NOT NULL, 
	checkin_token VARCHAR(64) NOT NULL, 
	checked_in_at FLOAT, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id), 
	UNIQUE (checkin_token)
);
CREATE TABLE review_criteria (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	description TEXT NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id)
);
CREATE TABLE review_scores (
	id INTEGER NOT NULL, 
	review_id INTEGER NOT NULL, 
	criterion_id INTEGER NOT NULL, 
	score INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(review_id) REFERENCES reviews (id), 
	FOREIGN KEY(criterion_id) REFERENCES review_criteria (id)
);
CREATE TABLE reviews (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	card_id INTEGER NOT NULL, 
	comment TEXT NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id), 
	FOREIGN KEY(participant_id) REFERENCES participants (id), 
	FOREIGN KEY(card_id) REFERENCES cards (id)
);
CREATE TABLE sessions (
	id INTEGER NOT NULL, 
	code VARCHAR(16) NOT NULL, 
	title TEXT NOT NULL, 
	territory TEXT NOT NULL, 
	date VARCHAR(10) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	current_stage_id INTEGER, 
	created_at FLOAT NOT NULL, moderation VARCHAR(8) NOT NULL DEFAULT 'off', approval BOOLEAN NOT NULL DEFAULT FALSE, display_mode VARCHAR(16) NOT NULL DEFAULT 'join', display_stage_id INTEGER, display_selected TEXT NOT NULL DEFAULT '', 
	PRIMARY KEY (id), 
	UNIQUE (code)
);
INSERT INTO "sessions" VALUES(1,'KARGO1','Стратегическая сессия: будущее Каргопольского округа','Каргопольский округ','2019-10-12','strategic_session',1,1.79651584000707578662e+09,'off',0,'wall',1,'');
CREATE TABLE shortlist_groups (
	id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	card_id INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(stage_id) REFERENCES stages (id), 
	FOREIGN KEY(card_id) REFERENCES cards (id)
);
CREATE TABLE stages (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	title TEXT NOT NULL, 
	prompt TEXT NOT NULL, 
	target_stage_id INTEGER, 
	vote_budget INTEGER NOT NULL, 
	voting_open BOOLEAN NOT NULL, 
	results_visible BOOLEAN NOT NULL, 
	timer_ends_at FLOAT, vote_on VARCHAR(16) NOT NULL DEFAULT 'ideas', method VARCHAR(16) NOT NULL DEFAULT 'dots', source_stage_id INTEGER, source_method VARCHAR(16) NOT NULL DEFAULT '', source_top INTEGER, removed BOOLEAN NOT NULL DEFAULT FALSE, 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES sessions (id)
);
INSERT INTO "stages" VALUES(1,1,0,'problems','Проблемы','Что мешает развитию нашего района?',NULL,3,0,0,NULL,'ideas','dots',NULL,'',NULL,0);
INSERT INTO "stages" VALUES(2,1,1,'growth','Точки роста и преимущества','Что есть у нас, чего нет у других?',NULL,3,0,0,NULL,'ideas','dots',NULL,'',NULL,0);
INSERT INTO "stages" VALUES(3,1,2,'vision','Образ будущего','Наш район в 2030 году: что вы видите?',NULL,3,0,0,NULL,'ideas','dots',NULL,'',NULL,0);
INSERT INTO "stages" VALUES(4,1,3,'ideas','Проектные идеи','Какой проект изменит ситуацию?',NULL,3,0,0,NULL,'ideas','dots',NULL,'',NULL,0);
INSERT INTO "stages" VALUES(5,1,4,'voting','Голосование','Отдайте свои голоса лучшим идеям',4,3,0,0,NULL,'ideas','dots',NULL,'',NULL,0);
INSERT INTO "stages" VALUES(6,1,5,'teams','Команды','Запишитесь в команду проекта',4,3,0,0,NULL,'ideas','dots',NULL,'',NULL,0);
CREATE TABLE statement_votes (
	id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	card_id INTEGER NOT NULL, 
	vote INTEGER NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(stage_id) REFERENCES stages (id), 
	FOREIGN KEY(participant_id) REFERENCES participants (id), 
	FOREIGN KEY(card_id) REFERENCES "cards" (id)
);
CREATE TABLE team_links (
	id INTEGER NOT NULL, 
	draft_id INTEGER NOT NULL, 
	token VARCHAR(64) NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (draft_id), 
	FOREIGN KEY(draft_id) REFERENCES drafts (id), 
	UNIQUE (token)
);
CREATE TABLE team_members (
	id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	card_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	is_leader BOOLEAN NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(stage_id) REFERENCES stages (id), 
	FOREIGN KEY(card_id) REFERENCES "cards" (id), 
	FOREIGN KEY(participant_id) REFERENCES participants (id)
);
INSERT INTO "team_members" VALUES(1,6,11,1,1,1.79651584032616162302e+09);
INSERT INTO "team_members" VALUES(2,6,11,2,0,1.79651584032911729813e+09);
INSERT INTO "team_members" VALUES(3,6,11,3,0,1.79651584034815597532e+09);
INSERT INTO "team_members" VALUES(4,6,11,4,0,1.79651584038256168364e+09);
INSERT INTO "team_members" VALUES(5,6,11,5,0,1.79651584041613984104e+09);
INSERT INTO "team_members" VALUES(6,6,12,6,1,1.79651584591118049618e+09);
INSERT INTO "team_members" VALUES(7,6,12,7,0,1.79651584592729592322e+09);
INSERT INTO "team_members" VALUES(8,6,12,8,0,1.79651584593795847887e+09);
INSERT INTO "team_members" VALUES(9,6,12,9,0,1.79651584594068622585e+09);
INSERT INTO "team_members" VALUES(10,6,12,10,0,1.79651584595131325722e+09);
CREATE TABLE unvotes (
	id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	card_id INTEGER NOT NULL, 
	request_id VARCHAR(64) NOT NULL, 
	created_at FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ux_unvotes_request UNIQUE (participant_id, request_id), 
	FOREIGN KEY(stage_id) REFERENCES stages (id), 
	FOREIGN KEY(participant_id) REFERENCES participants (id), 
	FOREIGN KEY(card_id) REFERENCES cards (id)
);
CREATE TABLE votes (
	id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	card_id INTEGER NOT NULL, 
	created_at FLOAT NOT NULL, request_id VARCHAR(64), on_paper BOOLEAN NOT NULL DEFAULT FALSE, 
	PRIMARY KEY (id), 
	FOREIGN KEY(stage_id) REFERENCES stages (id), 
	FOREIGN KEY(participant_id) REFERENCES participants (id), 
	FOREIGN KEY(card_id) REFERENCES "cards" (id)
);
INSERT INTO "votes" VALUES(1,5,1,11,1.79651584014751601221e+09,NULL,0);
INSERT INTO "votes" VALUES(2,5,1,12,1.79651584014899873731e+09,NULL,0);
INSERT INTO "votes" VALUES(3,5,2,12,1.79651584016606736182e+09,NULL,0);
INSERT INTO "votes" VALUES(4,5,2,11,1.79651584016692304618e+09,NULL,0);
INSERT INTO "votes" VALUES(5,5,3,11,1.79651584016757225993e+09,NULL,0);
INSERT INTO "votes" VALUES(6,5,3,11,1.79651584016804981226e+09,NULL,0);
INSERT INTO "votes" VALUES(7,5,4,12,1.79651584016846299174e+09,NULL,0);
INSERT INTO "votes" VALUES(8,5,4,11,1.79651584016893172256e+09,NULL,0);
INSERT INTO "votes" VALUES(9,5,4,11,1.79651584018587350847e+09,NULL,0);
INSERT INTO "votes" VALUES(10,5,5,11,1.79651584018678689e+09,NULL,0);
INSERT INTO "votes" VALUES(11,5,5,12,1.79651584018738126754e+09,NULL,0);
INSERT INTO "votes" VALUES(12,5,6,12,1.79651584018784570692e+09,NULL,0);
INSERT INTO "votes" VALUES(13,5,6,12,1.79651584019784831998e+09,NULL,0);
INSERT INTO "votes" VALUES(14,5,6,10,1.79651584019871306415e+09,NULL,0);
INSERT INTO "votes" VALUES(15,5,7,12,1.7965158401993801593e+09,NULL,0);
INSERT INTO "votes" VALUES(16,5,7,12,1.79651584019985103603e+09,NULL,0);
INSERT INTO "votes" VALUES(17,5,7,12,1.79651584020025873182e+09,NULL,0);
INSERT INTO "votes" VALUES(18,5,8,11,1.79651584020065975188e+09,NULL,0);
INSERT INTO "votes" VALUES(19,5,8,11,1.79651584020103502275e+09,NULL,0);
INSERT INTO "votes" VALUES(20,5,8,11,1.79651584021383070944e+09,NULL,0);
INSERT INTO "votes" VALUES(21,5,9,10,1.7965158402146866321e+09,NULL,0);
INSERT INTO "votes" VALUES(22,5,9,12,1.79651584023011541362e+09,NULL,0);
INSERT INTO "votes" VALUES(23,5,10,11,1.79651584023086762428e+09,NULL,0);
INSERT INTO "votes" VALUES(24,5,10,11,1.79651584023141574859e+09,NULL,0);
INSERT INTO "votes" VALUES(25,5,10,10,1.79651584023187804216e+09,NULL,0);
CREATE INDEX ix_stages_session_id ON stages (session_id);
CREATE INDEX ix_participants_session_id ON participants (session_id);
CREATE INDEX ix_contributions_stage_id ON "cards" (stage_id);
CREATE INDEX ix_contributions_session_id ON "cards" (session_id);
CREATE INDEX ix_votes_stage_participant ON votes (stage_id, participant_id);
CREATE INDEX ix_votes_stage_contribution ON votes (stage_id, card_id);
CREATE UNIQUE INDEX ux_votes_request ON votes (participant_id, request_id);
CREATE INDEX ix_statement_votes_stage ON statement_votes (stage_id);
CREATE UNIQUE INDEX ux_statement_votes ON statement_votes (participant_id, card_id);
CREATE UNIQUE INDEX ux_team_members ON team_members (stage_id, participant_id);
CREATE INDEX ix_draft_status_log_draft_id ON draft_status_log (draft_id);
CREATE INDEX ix_consultations_draft_id ON consultations (draft_id);
CREATE UNIQUE INDEX ux_ratings ON ratings (stage_id, participant_id, card_id);
CREATE INDEX ix_comparisons_stage_id ON comparisons (stage_id);
CREATE UNIQUE INDEX ux_comparisons_request ON comparisons (participant_id, request_id);
CREATE UNIQUE INDEX ux_rankings ON rankings (stage_id, participant_id, card_id);
CREATE INDEX ix_shortlist_groups_stage_id ON shortlist_groups (stage_id);
CREATE INDEX ix_draft_comments_draft_id ON draft_comments (draft_id);
CREATE INDEX ix_review_criteria_session_id ON review_criteria (session_id);
CREATE UNIQUE INDEX ux_reviews ON reviews (participant_id, card_id);
CREATE INDEX ix_reviews_session_id ON reviews (session_id);
CREATE INDEX ix_review_scores_review_id ON review_scores (review_id);
CREATE INDEX ix_registrations_session_id ON registrations (session_id);
CREATE UNIQUE INDEX ux_cards_request ON cards (participant_id, request_id);
COMMIT;
